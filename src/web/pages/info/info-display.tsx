import { Tag } from '../../components/StatusBadge.js';
import type { MessageKey } from '../../i18n/index.js';
import { useI18n } from '../../lib/locale.js';
import type { ApplicationState, LocalText, OutputCheckMode, PersonRef } from './info-types.js';

const STATE_STYLES: Readonly<Record<ApplicationState, string>> = {
  active: 'border-success-2 bg-green-50 text-green-1000',
  development: 'border-warning-orange-2 bg-orange-50 text-orange-1100',
  abolished: 'border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800',
};

const STATE_KEYS: Readonly<Record<ApplicationState, MessageKey>> = {
  active: 'info.app.state.active',
  development: 'info.app.state.development',
  abolished: 'info.app.state.abolished',
};

/** An application's state in words (never colour alone). */
export function ApplicationStateBadge({ state }: { state: ApplicationState }) {
  const { t } = useI18n();
  return (
    <span
      className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 whitespace-nowrap ${STATE_STYLES[state] ?? STATE_STYLES.abolished}`}
    >
      {STATE_KEYS[state] ? t(STATE_KEYS[state]) : state}
    </span>
  );
}

export const OUTPUT_CHECK_KEYS: Readonly<Record<OutputCheckMode, MessageKey>> = {
  unit_head: 'info.app.outputCheck.unit_head',
  pre_delivery: 'info.app.outputCheck.pre_delivery',
};

export function OutputCheckLabel({ mode }: { mode: OutputCheckMode }) {
  const { t } = useI18n();
  return <>{OUTPUT_CHECK_KEYS[mode] ? t(OUTPUT_CHECK_KEYS[mode]) : mode}</>;
}

/** 機密性1–3 (the classification of the data the application holds). */
export function ClassificationLabel({ level }: { level: number }) {
  const { t } = useI18n();
  return <>{t('info.app.classificationValue', { level })}</>;
}

export function YesNo({ value }: { value: boolean }) {
  const { t } = useI18n();
  return value ? <Tag>{t('info.yes')}</Tag> : t('info.no');
}

/** 氏名（ユーザID）, or whatever of the two is known. */
export function PersonLabel({ person }: { person: PersonRef | string | null | undefined }) {
  if (!person) return null;
  if (typeof person === 'string') return <span className="font-mono">{person}</span>;
  return (
    <>
      {person.name ?? ''}
      {person.loginId ? <span className="ml-1 font-mono text-solid-gray-700">（{person.loginId}）</span> : null}
    </>
  );
}

/** A unit given as a code, or as `{code, name}`. */
export function UnitLabel({ unit, code }: { unit?: { code: string; name?: string } | string | null; code?: string | null }) {
  if (unit && typeof unit === 'object') {
    return (
      <>
        {unit.name ?? ''} <span className="font-mono text-solid-gray-700">{unit.code}</span>
      </>
    );
  }
  const text = typeof unit === 'string' ? unit : code;
  return text ? <span className="font-mono">{text}</span> : null;
}

/** A bilingual label from the server in the UI language. */
export function localText(text: LocalText | undefined, locale: 'ja' | 'en'): string {
  return text ? text[locale] || text.ja : '';
}
