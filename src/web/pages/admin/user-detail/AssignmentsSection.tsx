import { Section } from '../../../components/Section.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { formatCalendarDate } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import type { AdminUserDetail } from '../../../lib/types.js';

type Assignment = AdminUserDetail['assignments'][number];

/** 所属履歴 (ORG-1): which unit, from when to when. */
export function AssignmentsSection({ assignments }: { assignments: readonly Assignment[] }) {
  const { t, locale } = useI18n();
  const columns: Column<Assignment>[] = [
    {
      key: 'unit',
      header: t('user.unit'),
      cell: (a) => (
        <>
          {a.unitName} <span className="font-mono text-mono-14N-150 text-solid-gray-700">{a.unitCode}</span>
        </>
      ),
    },
    { key: 'from', header: t('period.from'), cell: (a) => formatCalendarDate(a.validFrom, locale) },
    { key: 'to', header: t('period.to'), cell: (a) => (a.validTo ? formatCalendarDate(a.validTo, locale) : t('period.ongoing')) },
  ];
  const rows = [...assignments].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  return (
    <Section title={t('userDetail.assignments')}>
      <DataTable
        caption={t('userDetail.assignments')}
        hideCaption
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        empty={t('userDetail.noAssignments')}
      />
    </Section>
  );
}
