import { type Column, DataTable } from '../../../components/Table.js';
import type { MessageKey } from '../../../i18n/index.js';
import { formatCalendarDate, formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { PersonLabel, UnitLabel } from '../info-display.js';
import type { UseRight } from '../info-types.js';

const KIND_KEYS: Readonly<Record<UseRight['kind'], MessageKey>> = {
  regular: 'info.right.kind.regular',
  dispatch: 'info.right.kind.dispatch',
  emergency: 'info.right.kind.emergency',
};

/** Why a right cannot be used today (findUsableRight reasons in src/server/modules/rights/check.ts). */
const REASON_KEYS: Readonly<Record<string, MessageKey>> = {
  none: 'info.right.reason.none',
  not_yet_valid: 'info.right.reason.not_yet_valid',
  expired: 'info.right.reason.expired',
  dispatch_ended: 'info.right.reason.dispatch_ended',
  transferred: 'info.right.reason.transferred',
  retired: 'info.right.reason.retired',
  contract_scope: 'info.right.reason.contract_scope',
};

type Extra = 'user' | 'lastUsed' | 'ended' | 'usable';

/** 業務利用権の一覧: which application, which unit, for how long (APP-3 … APP-6). */
export function RightsTable({
  caption,
  rows,
  show = [],
  empty,
}: {
  caption: string;
  rows: readonly UseRight[];
  show?: readonly Extra[];
  empty: string;
}) {
  const { t, locale } = useI18n();
  const reasonText = (reason: string | null | undefined) => {
    const key = reason ? REASON_KEYS[reason] : undefined;
    return key ? t(key) : (reason ?? '');
  };
  const columns: Column<UseRight>[] = [];
  if (show.includes('user')) columns.push({ key: 'user', header: t('info.right.user'), cell: (r) => <PersonLabel person={r.holder} /> });
  columns.push(
    {
      key: 'app',
      header: t('info.right.application'),
      cell: (r) => (
        <>
          <span className="font-mono">{r.application?.code ?? r.applicationCode}</span> {r.application?.name ?? r.applicationName ?? ''}
        </>
      ),
    },
    {
      key: 'kind',
      header: t('info.right.kind'),
      cell: (r) => (
        <>
          {KIND_KEYS[r.kind] ? t(KIND_KEYS[r.kind]) : r.kind}
          {r.dispatchName ? <span className="block text-solid-gray-700">{r.dispatchName}</span> : null}
        </>
      ),
    },
    { key: 'unit', header: t('info.right.unit'), cell: (r) => <UnitLabel unit={r.unit} /> },
    { key: 'scope', header: t('info.right.scope'), cell: (r) => r.accessScope ?? '' },
    {
      key: 'period',
      header: t('info.right.period'),
      cell: (r) =>
        t('info.right.periodValue', {
          from: formatCalendarDate(r.validFrom, locale),
          to: r.validTo ? formatCalendarDate(r.validTo, locale) : t('info.right.noEnd'),
        }),
    },
  );
  if (show.includes('lastUsed'))
    columns.push({
      key: 'last',
      header: t('info.right.lastUsed'),
      cell: (r) => (r.lastQueriedAt ? formatDateTime(r.lastQueriedAt, locale) : t('info.right.neverUsed')),
    });
  if (show.includes('usable'))
    columns.push({
      key: 'usable',
      header: t('info.right.usable'),
      cell: (r) => (r.usable ? t('info.right.usableYes') : t('info.right.usableNo', { reason: reasonText(r.reason) })),
    });
  if (show.includes('ended'))
    columns.push({
      key: 'ended',
      header: t('info.right.ended'),
      cell: (r) => (r.endedAt ? `${formatDateTime(r.endedAt, locale)} ${r.endReason ?? ''}` : t('info.right.inForce')),
    });
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section className="overflow-x-auto" aria-label={caption} tabIndex={0}>
      <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.id} empty={empty} />
    </section>
  );
}
