import { Link } from 'react-router-dom';
import { type Column, DataTable } from '../../components/Table.js';
import { seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { ConfirmationBadge, outputStateKey } from './output-labels.js';
import type { OutputSummary } from './types.js';

/** Ledger entries: 番号, 作成日時 (和暦), 適用業務, 概要, 数量, 状態, 確認 (OUT-2, OUT-3). */
export function OutputTable({ caption, rows, empty }: { caption: string; rows: readonly OutputSummary[]; empty: string }) {
  const { t, locale } = useI18n();
  const columns: Column<OutputSummary>[] = [
    {
      key: 'number',
      header: t('out.col.number'),
      cell: (row) => (
        <Link to={`/outputs/${seg(row.id)}`} aria-label={t('out.open', { number: row.number })}>
          {row.number}
        </Link>
      ),
      className: 'whitespace-nowrap',
    },
    {
      key: 'createdAt',
      header: t('out.col.createdAt'),
      cell: (row) => <time dateTime={row.createdAt}>{formatDateTime(row.createdAt, locale)}</time>,
    },
    { key: 'application', header: t('out.col.application'), cell: (row) => row.applicationName },
    { key: 'unit', header: t('out.col.unit'), cell: (row) => row.unitName },
    { key: 'summary', header: t('out.col.summary'), cell: (row) => row.summary },
    { key: 'quantity', header: t('out.col.quantity'), cell: (row) => row.quantity, className: 'text-right' },
    {
      key: 'state',
      header: t('out.col.state'),
      cell: (row) => {
        const key = outputStateKey(row.state);
        return key ? t(key) : row.state;
      },
    },
    {
      key: 'confirmation',
      header: t('out.col.confirmation'),
      cell: (row) => <ConfirmationBadge unconfirmed={row.unconfirmedEvents} overdue={row.overdue} />,
    },
  ];
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(row) => row.id} empty={empty} />;
}
