import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { type Column, DataTable } from '../../components/Table.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { useApiData } from '../../lib/use-api-data.js';
import type { OverdueAnswer } from './types.js';

type UnitRow = OverdueAnswer['units'][number];

/** OUT-3: per unit, handlings the unit head has not confirmed within the period (GET /api/outputs/overdue). */
export function OverduePage() {
  const { t, locale } = useI18n();
  const report = useApiData<OverdueAnswer>('/api/outputs/overdue');
  const columns: Column<UnitRow>[] = [
    {
      key: 'unit',
      header: t('out.col.unit'),
      cell: (row) => (
        <Link to={`/outputs?unitCode=${encodeURIComponent(row.unitCode)}&unconfirmed=true`}>
          {row.unitName}（{row.unitCode}）
        </Link>
      ),
    },
    { key: 'materials', header: t('out.overdue.materials'), cell: (row) => row.materials, className: 'text-right' },
    { key: 'events', header: t('out.overdue.events'), cell: (row) => row.events, className: 'text-right' },
    {
      key: 'oldest',
      header: t('out.overdue.oldest'),
      cell: (row) => <time dateTime={row.oldestAt}>{formatDateTime(row.oldestAt, locale)}</time>,
    },
  ];
  return (
    <div>
      <PageTitle>{t('out.overdue.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">
        {report.data ? t('out.overdue.leadDays', { days: report.data.overdueDays }) : t('out.overdue.lead')}
      </p>
      {report.error ? <Alert className="mb-4">{report.error}</Alert> : null}
      {report.loading && !report.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('out.overdue.caption')}
          columns={columns}
          rows={report.data?.units ?? []}
          rowKey={(row) => row.unitCode}
          empty={t('out.overdue.empty')}
        />
      )}
    </div>
  );
}
