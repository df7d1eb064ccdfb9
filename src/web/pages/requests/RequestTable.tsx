import type { ReactNode } from 'react';
import { type Column, DataTable } from '../../components/Table.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { localized, personLabel } from '../../lib/request-labels.js';
import type { RequestSummary } from '../../lib/request-types.js';
import { RequestFlags, RequestNumberLink, RequestStateBadge, RequestTypeText } from './request-display.js';

/**
 * A list of requests: number (link), type and form, subject, state with overdue marks, applicant,
 * current stage and last change. `extra` columns go before the last one (e.g. 代決 in the inbox).
 */
export function RequestTable<T>({
  caption,
  rows,
  requestOf,
  rowKey,
  empty,
  extra = [],
}: {
  caption: string;
  rows: readonly T[];
  requestOf: (row: T) => RequestSummary;
  rowKey: (row: T) => string;
  empty: string;
  extra?: readonly Column<T>[];
}) {
  const { t, locale } = useI18n();
  const cell = (render: (request: RequestSummary) => ReactNode) => (row: T) => render(requestOf(row));
  const columns: Column<T>[] = [
    { key: 'number', header: t('req.col.number'), cell: cell((r) => <RequestNumberLink request={r} />) },
    { key: 'type', header: t('req.col.type'), cell: cell((r) => <RequestTypeText request={r} />), className: 'min-w-40' },
    { key: 'title', header: t('req.col.title'), cell: cell((r) => r.title), className: 'min-w-48' },
    {
      key: 'state',
      header: t('req.col.state'),
      cell: cell((r) => (
        <>
          <RequestStateBadge state={r.state} />
          <RequestFlags request={r} />
        </>
      )),
    },
    { key: 'applicant', header: t('req.col.applicant'), cell: cell((r) => personLabel(r.applicant)) },
    {
      key: 'stage',
      header: t('req.col.stage'),
      cell: cell((r) => r.currentStages.map((s) => localized(s.label, locale)).join('、')),
      className: 'min-w-24',
    },
    ...extra,
    {
      key: 'updated',
      header: t('req.col.updated'),
      cell: cell((r) => formatDateTime(r.updatedAt, locale)),
      className: 'min-w-40',
    },
  ];
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section className="overflow-x-auto" aria-label={caption} tabIndex={0}>
      <DataTable caption={caption} columns={columns} rows={rows} rowKey={rowKey} empty={empty} />
    </section>
  );
}
