import { auditActionKey, reasonKey } from '../../lib/labels.js';
import { useI18n } from '../../lib/locale.js';
import type { AuditEntrySummary } from '../../lib/types.js';

/** 操作: the Japanese (or English) name of a known action with its code below; else the code. */
export function ActionLabel({ action }: { action: string }) {
  const { t } = useI18n();
  const key = auditActionKey(action);
  if (!key) return <span className="font-mono break-all">{action}</span>;
  return (
    <>
      {t(key)}
      <span className="block font-mono text-dns-14N-130 text-solid-gray-700 break-all">{action}</span>
    </>
  );
}

/** 利用者: the login ID, marked when the actor was the system (CLI) or not authenticated. */
export function ActorLabel({ actor }: { actor: AuditEntrySummary['actor'] }) {
  const { t } = useI18n();
  const id = actor.loginId ?? actor.userId ?? '';
  if (actor.type === 'system') return <>{t('audit.actorSystem', { via: id || t('audit.unknown') })}</>;
  return (
    <>
      <span className="font-mono break-all">{id}</span>
      {actor.type === 'anonymous' ? <span className="block text-dns-14N-130 text-solid-gray-700">{t('audit.actorAnonymous')}</span> : null}
    </>
  );
}

/** 対象: its name when recorded, with type and id below. */
export function TargetLabel({ target }: { target: AuditEntrySummary['target'] }) {
  if (!target) return null;
  return (
    <>
      {target.label ? <span className="break-all">{target.label}</span> : null}
      <span className={`block font-mono break-all ${target.label ? 'text-dns-14N-130 text-solid-gray-700' : ''}`}>
        {target.type}: {target.id}
      </span>
    </>
  );
}

export function ReasonText({ reason }: { reason: string | null }) {
  const { t } = useI18n();
  if (!reason) return null;
  const key = reasonKey(reason);
  return key ? t(key) : <span className="font-mono break-all">{reason}</span>;
}
