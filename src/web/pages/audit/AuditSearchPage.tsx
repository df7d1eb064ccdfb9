import { type FormEvent, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Loading } from '../../components/Loading.js';
import { OutcomeBadge } from '../../components/OutcomeBadge.js';
import { PageTitle } from '../../components/PageTitle.js';
import { type Column, DataTable } from '../../components/Table.js';
import { errorMessage, seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { downloadFile } from '../../lib/download.js';
import { AUDIT_ACTION_SUGGESTIONS } from '../../lib/labels.js';
import { useI18n } from '../../lib/locale.js';
import type { AuditEntrySummary, AuditSearchAnswer } from '../../lib/types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { ActionLabel, ActorLabel, ReasonText, TargetLabel } from './audit-display.js';

const PAGE_SIZE = 50;
const FILTERS = ['user', 'unit', 'action', 'target', 'outcome', 'from', 'to'] as const;
type FilterName = (typeof FILTERS)[number];
type Filters = Record<FilterName, string>;

/** Cursors of the pages before this one, kept in the browser history entry (survives reload and Back). */
interface PagerState {
  trail?: string[];
}

function filtersFrom(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

interface CsvResult {
  rows: string;
  unencodable: number;
  nextBefore: string | null;
}

/** 監査ログ検索 (AUD-4): filters in the address, newest first, paging by sequence number, CSV for Excel. */
export function AuditSearchPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const trail = (location.state as PagerState | null)?.trail ?? [];
  const filters = filtersFrom(params);
  const before = params.get('before') ?? '';

  const results = useApiData<AuditSearchAnswer>('/api/audit/entries', { ...filters, before, limit: PAGE_SIZE });
  const rows = results.data?.entries ?? [];
  const nextBefore = results.data?.nextBefore ?? null;

  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [csvResult, setCsvResult] = useState<CsvResult | null>(null);

  const search = (next: Filters) => {
    const query = new URLSearchParams();
    for (const name of FILTERS) if (next[name].trim()) query.set(name, next[name].trim());
    setParams(query);
    setCsvResult(null);
  };

  const goTo = (cursor: string, nextTrail: string[]) => {
    const query = new URLSearchParams(params);
    if (cursor) query.set('before', cursor);
    else query.delete('before');
    setParams(query, { state: { trail: nextTrail } satisfies PagerState });
  };

  const exportCsv = async () => {
    setCsvBusy(true);
    setCsvError(null);
    setCsvResult(null);
    try {
      const file = await downloadFile('/api/audit/entries.csv', filters, locale, 'sekimori-audit-log.csv');
      setCsvResult({
        rows: file.headers.get('x-sekimori-rows') ?? '',
        unencodable: Number(file.headers.get('x-sekimori-unencodable') ?? '0') || 0,
        nextBefore: file.headers.get('x-sekimori-next-before'),
      });
    } catch (cause) {
      setCsvError(errorMessage(cause, locale));
    } finally {
      setCsvBusy(false);
    }
  };

  const columns: Column<AuditEntrySummary>[] = [
    {
      key: 'seq',
      header: t('audit.seq'),
      cell: (e) => (
        <Link to={`/audit/entries/${seg(e.seq)}`} className="font-mono" aria-label={t('audit.showEntry', { seq: e.seq })}>
          {e.seq}
        </Link>
      ),
    },
    { key: 'at', header: t('audit.at'), cell: (e) => formatDateTime(e.occurredAt, locale, true), className: 'min-w-40' },
    { key: 'action', header: t('audit.action'), cell: (e) => <ActionLabel action={e.action} /> },
    { key: 'outcome', header: t('audit.outcome'), cell: (e) => <OutcomeBadge outcome={e.outcome} /> },
    { key: 'actor', header: t('audit.actor'), cell: (e) => <ActorLabel actor={e.actor} /> },
    { key: 'unit', header: t('audit.unit'), cell: (e) => <span className="font-mono">{e.actor.unitCode ?? ''}</span> },
    { key: 'target', header: t('audit.target'), cell: (e) => <TargetLabel target={e.target} /> },
    { key: 'reason', header: t('audit.reason'), cell: (e) => <ReasonText reason={e.reason} /> },
  ];

  return (
    <div>
      <PageTitle>{t('audit.searchTitle')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('audit.searchLead')}</p>
      <FilterForm key={params.toString().replace(/(^|&)before=[^&]*/, '')} initial={filters} onSearch={search} />

      <div className="mb-6 flex flex-wrap items-center gap-4">
        <Button variant="secondary" onClick={() => void exportCsv()} disabled={csvBusy} aria-describedby="audit-csv-hint">
          {t('audit.csv')}
        </Button>
        <p id="audit-csv-hint" className="text-std-16N-170 text-solid-gray-700">
          {t('audit.csvHint')}
        </p>
      </div>
      <div aria-live="polite">
        {csvBusy ? <p className="mb-4 text-std-16N-170">{t('audit.csvWorking')}</p> : null}
        {csvResult ? (
          <Alert tone={csvResult.unencodable > 0 || csvResult.nextBefore ? 'warning' : 'success'} className="mb-6">
            <p>{t('audit.csvDone', { rows: csvResult.rows })}</p>
            {csvResult.unencodable > 0 ? <p>{t('audit.csvUnencodable', { count: csvResult.unencodable })}</p> : null}
            {csvResult.nextBefore ? <p>{t('audit.csvTruncated', { seq: csvResult.nextBefore })}</p> : null}
          </Alert>
        ) : null}
      </div>
      {csvError ? <Alert className="mb-6">{csvError}</Alert> : null}

      {results.error ? <Alert className="mb-4">{results.error}</Alert> : null}
      {results.loading && !results.data ? (
        <Loading />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        <section className="overflow-x-auto" aria-label={t('audit.resultsCaption')} aria-busy={results.loading} tabIndex={0}>
          <DataTable caption={t('audit.resultsCaption')} columns={columns} rows={rows} rowKey={(e) => e.seq} empty={t('audit.empty')} />
        </section>
      )}
      {rows.length > 0 ? <p className="mt-2 text-std-16N-170 text-solid-gray-700">{t('audit.pageInfo', { count: rows.length })}</p> : null}
      {before || nextBefore ? (
        <nav aria-label={t('pager.label')} className="mt-6 flex flex-wrap gap-6">
          {before ? (
            trail.length > 0 ? (
              <Button variant="tertiary" onClick={() => goTo(trail[trail.length - 1] ?? '', trail.slice(0, -1))}>
                {t('pager.previous')}
              </Button>
            ) : (
              <Button variant="tertiary" onClick={() => goTo('', [])}>
                {t('audit.newest')}
              </Button>
            )
          ) : null}
          {nextBefore ? (
            <Button variant="tertiary" onClick={() => goTo(nextBefore, [...trail, before])}>
              {t('pager.next')}
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

/** The criteria; the dates are calendar days in Japan (the server reads YYYY-MM-DD so). */
function FilterForm({ initial, onSearch }: { initial: Filters; onSearch: (filters: Filters) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filters>(initial);
  const [periodError, setPeriodError] = useState<string | undefined>();

  const set = (name: FilterName) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: event.target.value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) {
      setPeriodError(t('audit.periodOrder'));
      return;
    }
    setPeriodError(undefined);
    onSearch(draft);
  };

  const clear = () => {
    const empty = Object.fromEntries(FILTERS.map((name) => [name, ''])) as Filters;
    setDraft(empty);
    setPeriodError(undefined);
    onSearch(empty);
  };

  const outcomes = [
    { value: 'success', label: t('outcome.success') },
    { value: 'denied', label: t('outcome.denied') },
    { value: 'failure', label: t('outcome.failure') },
  ];

  return (
    <search className="mb-6 block rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4">
      <h2 className="mb-4 text-std-20B-150">{t('audit.filters')}</h2>
      <form noValidate onSubmit={submit}>
        <div className="grid gap-x-6 md:grid-cols-2 xl:grid-cols-3">
          <TextField
            label={t('audit.filterUser')}
            hint={t('audit.filterUserHint')}
            value={draft.user}
            onChange={set('user')}
            autoComplete="off"
            spellCheck={false}
            width="w-full"
          />
          <TextField
            label={t('audit.filterUnit')}
            value={draft.unit}
            onChange={set('unit')}
            autoComplete="off"
            spellCheck={false}
            width="w-full"
          />
          <TextField
            label={t('audit.filterAction')}
            hint={t('audit.filterActionHint')}
            value={draft.action}
            onChange={set('action')}
            list="audit-action-suggestions"
            autoComplete="off"
            spellCheck={false}
            width="w-full"
          />
          <datalist id="audit-action-suggestions">
            {AUDIT_ACTION_SUGGESTIONS.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
          <TextField
            label={t('audit.filterTarget')}
            value={draft.target}
            onChange={set('target')}
            autoComplete="off"
            spellCheck={false}
            width="w-full"
          />
          <SelectField
            label={t('audit.filterOutcome')}
            placeholder={t('audit.allOutcomes')}
            options={outcomes}
            value={draft.outcome}
            onChange={set('outcome')}
            width="w-full"
          />
          <div />
          <TextField label={t('audit.filterFrom')} type="date" value={draft.from} onChange={set('from')} width="w-full" />
          <TextField label={t('audit.filterTo')} type="date" value={draft.to} onChange={set('to')} error={periodError} width="w-full" />
        </div>
        <div className="flex flex-wrap gap-4">
          <Button type="submit">{t('audit.search')}</Button>
          <Button variant="tertiary" onClick={clear}>
            {t('audit.clear')}
          </Button>
        </div>
      </form>
    </search>
  );
}
