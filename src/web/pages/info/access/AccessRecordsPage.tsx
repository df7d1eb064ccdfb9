import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { CsvDownloadButton } from '../../../components/CsvDownloadButton.js';
import { TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { Section } from '../../../components/Section.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { useSession } from '../../../lib/session.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { canSeeAccessRecords } from '../info-access.js';
import { PersonLabel, UnitLabel } from '../info-display.js';
import type { AccessRecord } from '../info-types.js';

const FILTERS = ['subjectId', 'recordId', 'userLoginId', 'unitCode', 'applicationCode', 'from', 'to'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string>;

function filtersFrom(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

/**
 * 照会記録 (APP-8): who looked up a person or a record, when and why; or what a user, a unit or an
 * application looked up in a period. Unit managers see their own unit only (the server narrows it);
 * reading the records is itself audited.
 */
export function AccessRecordsPage() {
  const { t, locale } = useI18n();
  const { state } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const asked = FILTERS.some((name) => filters[name] !== '');
  const list = useApiData<{ records: AccessRecord[]; next: string | null }>(asked ? '/api/access-records' : null, filters);
  const hasMore = typeof list.data?.next === 'string';
  const rows = list.data?.records ?? [];

  if (!canSeeAccessRecords(state))
    return (
      <div>
        <PageTitle>{t('info.access.title')}</PageTitle>
        <Alert>{t('info.forbidden.access')}</Alert>
      </div>
    );

  const search = (next: Partial<Filters>) => {
    const query = new URLSearchParams();
    for (const name of FILTERS) {
      const value = next[name]?.trim();
      if (value) query.set(name, value);
    }
    setParams(query);
  };

  const columns: Column<AccessRecord>[] = [
    { key: 'at', header: t('info.access.at'), cell: (r) => formatDateTime(r.queriedAt, locale, true), className: 'min-w-40' },
    { key: 'user', header: t('info.access.user'), cell: (r) => <PersonLabel person={r.querier} /> },
    {
      key: 'unit',
      header: t('info.access.unit'),
      cell: (r) => (r.querier.unitCode ? <UnitLabel unit={{ code: r.querier.unitCode, name: r.querier.unitName ?? '' }} /> : null),
    },
    {
      key: 'app',
      header: t('info.access.application'),
      cell: (r) => (
        <>
          <span className="font-mono">{r.application.code}</span> {r.application.name}
        </>
      ),
    },
    {
      key: 'purpose',
      header: t('info.access.purpose'),
      cell: (r) => (
        <>
          <span className="font-mono">{r.purpose.code}</span> {r.purpose.text}
          {r.purpose.caseNumber ? <span className="block">{t('info.access.caseNumber', { number: r.purpose.caseNumber })}</span> : null}
        </>
      ),
    },
    {
      key: 'record',
      header: t('info.access.recordId'),
      cell: (r) => <span className="font-mono text-dns-14N-130 break-all">{r.recordId ?? ''}</span>,
    },
    { key: 'count', header: t('info.access.count'), cell: (r) => r.resultCount },
    { key: 'seq', header: t('info.access.auditSeq'), cell: (r) => <span className="font-mono">{r.auditSeq}</span> },
  ];

  return (
    <div>
      <PageTitle>{t('info.access.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.access.lead')}</p>
      <SearchForms key={params.toString()} initial={filters} onSearch={search} />
      {asked ? (
        <CsvDownloadButton hint="info.csvHint" path="/api/access-records.csv" query={filters} filename="sekimori-access-records.csv" />
      ) : null}
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {!asked ? (
        <Alert tone="info">{t('info.access.askFirst')}</Alert>
      ) : list.loading && !list.data ? (
        <Loading />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        <section className="overflow-x-auto" aria-label={t('info.access.caption')} tabIndex={0}>
          <DataTable
            caption={t('info.access.caption')}
            columns={columns}
            rows={rows}
            rowKey={(r) => `${r.inquiryId}:${r.recordId ?? ''}`}
            empty={t('info.access.empty')}
          />
        </section>
      )}
      {hasMore ? <p className="mt-2 text-std-16N-170 text-solid-gray-700">{t('info.access.more')}</p> : null}
    </div>
  );
}

function SearchForms({ initial, onSearch }: { initial: Filters; onSearch: (next: Partial<Filters>) => void }) {
  const { t } = useI18n();
  const [f, setF] = useState<Filters>(initial);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Filters>) => setF((prev) => ({ ...prev, ...patch }));

  const bySubject = (event: FormEvent) => {
    event.preventDefault();
    if (!f.subjectId.trim() && !f.recordId.trim()) {
      setError(t('info.access.subjectRequired'));
      return;
    }
    setError(null);
    onSearch({ subjectId: f.subjectId, recordId: f.recordId });
  };
  const byActor = (event: FormEvent) => {
    event.preventDefault();
    if (!f.userLoginId.trim() && !f.unitCode.trim() && !f.applicationCode.trim()) {
      setError(t('info.access.actorRequired'));
      return;
    }
    if (f.from && f.to && f.to < f.from) {
      setError(t('info.periodInvalid'));
      return;
    }
    setError(null);
    onSearch({ userLoginId: f.userLoginId, unitCode: f.unitCode, applicationCode: f.applicationCode, from: f.from, to: f.to });
  };

  return (
    <>
      {error ? <Alert className="mb-6">{error}</Alert> : null}
      <div className="grid gap-x-8 xl:grid-cols-2">
        <Section title={t('info.access.bySubject')}>
          <form noValidate onSubmit={bySubject} aria-label={t('info.access.bySubject')}>
            <TextField
              label={t('info.access.subjectId')}
              value={f.subjectId}
              onChange={(e) => set({ subjectId: e.target.value })}
              autoComplete="off"
              width="max-w-sm"
            />
            <TextField
              label={t('info.access.recordId')}
              value={f.recordId}
              onChange={(e) => set({ recordId: e.target.value })}
              autoComplete="off"
              width="max-w-sm"
            />
            <Button type="submit">{t('info.search')}</Button>
          </form>
        </Section>
        <Section title={t('info.access.byActor')}>
          <form noValidate onSubmit={byActor} aria-label={t('info.access.byActor')}>
            <TextField
              label={t('info.access.userLoginId')}
              value={f.userLoginId}
              onChange={(e) => set({ userLoginId: e.target.value })}
              autoComplete="off"
              width="max-w-sm"
            />
            <TextField
              label={t('info.access.unitCode')}
              value={f.unitCode}
              onChange={(e) => set({ unitCode: e.target.value })}
              autoComplete="off"
              width="max-w-sm"
            />
            <TextField
              label={t('info.access.applicationCode')}
              value={f.applicationCode}
              onChange={(e) => set({ applicationCode: e.target.value })}
              autoComplete="off"
              width="max-w-sm"
            />
            <div className="flex flex-wrap gap-x-4">
              <TextField
                label={t('info.access.from')}
                type="date"
                value={f.from}
                onChange={(e) => set({ from: e.target.value })}
                width="max-w-xs"
              />
              <TextField
                label={t('info.access.to')}
                type="date"
                value={f.to}
                onChange={(e) => set({ to: e.target.value })}
                width="max-w-xs"
              />
            </div>
            <Button type="submit">{t('info.search')}</Button>
          </form>
        </Section>
      </div>
    </>
  );
}
