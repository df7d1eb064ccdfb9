import type { MessageKey } from '../../i18n/index.js';
import { useI18n } from '../../lib/locale.js';
import type { OutputEventKind, OutputState, PersonRef } from './types.js';

const EVENT_KEYS: Readonly<Record<OutputEventKind, MessageKey>> = {
  create: 'out.event.create',
  receive: 'out.event.receive',
  copy: 'out.event.copy',
  deliver: 'out.event.deliver',
  return: 'out.event.return',
  store: 'out.event.store',
  dispose: 'out.event.dispose',
};

const STATE_KEYS: Readonly<Record<OutputState, MessageKey>> = {
  held: 'out.state.held',
  delivered: 'out.state.delivered',
  returned: 'out.state.returned',
  disposed: 'out.state.disposed',
};

const MEANS_KEYS: Readonly<Record<string, MessageKey>> = {
  hand: 'out.means.hand',
  post: 'out.means.post',
  file_server: 'out.means.file_server',
  email: 'out.means.email',
  fax: 'out.means.fax',
  other: 'out.means.other',
};

export function deliveryMeansKey(means: string): MessageKey | null {
  return MEANS_KEYS[means] ?? null;
}

export function eventKindKey(kind: string): MessageKey | null {
  return Object.hasOwn(EVENT_KEYS, kind) ? EVENT_KEYS[kind as OutputEventKind] : null;
}

export function outputStateKey(state: string): MessageKey | null {
  return Object.hasOwn(STATE_KEYS, state) ? STATE_KEYS[state as OutputState] : null;
}

export function personText(person: PersonRef | null | undefined): string {
  if (!person) return '';
  const name = person.name ?? '';
  return person.loginId ? `${name}（${person.loginId}）` : name;
}

/** 未確認 / 期限超過 in words and colour (never colour alone). */
export function ConfirmationBadge({ unconfirmed, overdue }: { unconfirmed: number; overdue: boolean }) {
  const { t } = useI18n();
  if (overdue) {
    return (
      <span className="inline-block rounded-4 border border-error-2 bg-red-50 px-2 py-0.5 text-dns-14B-130 whitespace-nowrap text-red-1100">
        {t('out.badge.overdue', { count: unconfirmed })}
      </span>
    );
  }
  if (unconfirmed > 0) {
    return (
      <span className="inline-block rounded-4 border border-warning-orange-2 bg-orange-50 px-2 py-0.5 text-dns-14B-130 whitespace-nowrap text-orange-1100">
        {t('out.badge.unconfirmed', { count: unconfirmed })}
      </span>
    );
  }
  return <span className="text-dns-14N-130 text-solid-gray-700">{t('out.badge.confirmed')}</span>;
}
