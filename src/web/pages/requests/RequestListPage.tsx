import { useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { CsvDownloadButton } from '../../components/CsvDownloadButton.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useI18n } from '../../lib/locale.js';
import type { RequestSummary } from '../../lib/request-types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useRequestTypes } from '../../lib/use-request-types.js';
import { RequestFilters, type RequestFilterValues } from './RequestFilters.js';
import { RequestTable } from './RequestTable.js';

const PAGE_SIZE = 100;

const SCOPES = {
  mine: { path: '/api/requests', title: 'req.mine.title', lead: 'req.mine.lead' },
  all: { path: '/api/requests/all', title: 'req.all.title', lead: 'req.all.lead' },
} as const;

/**
 * 自分の申請 (GET /api/requests) and 管理者向け一覧 (GET /api/requests/all): filters by type and
 * state in the address, pages of 100, CSV of the same selection.
 */
export function RequestListPage({ scope }: { scope: keyof typeof SCOPES }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters: RequestFilterValues = { type: params.get('type') ?? '', state: params.get('state') ?? '' };
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const { path, title, lead } = SCOPES[scope];
  const list = useApiData<{ requests: RequestSummary[] }>(path, { ...filters, limit: PAGE_SIZE, offset });
  const types = useRequestTypes();
  const rows = list.data?.requests ?? [];

  const apply = (next: RequestFilterValues, nextOffset = 0) => {
    const query = new URLSearchParams();
    if (next.type) query.set('type', next.type);
    if (next.state) query.set('state', next.state);
    if (nextOffset > 0) query.set('offset', String(nextOffset));
    setParams(query);
  };

  return (
    <div>
      <PageTitle>{t(title)}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t(lead)}</p>
      <RequestFilters key={`${filters.type}:${filters.state}`} initial={filters} types={types.data?.types ?? []} onApply={apply} />
      <CsvDownloadButton
        path="/api/requests/export.csv"
        query={{ scope, type: filters.type, state: filters.state }}
        filename={`sekimori-requests-${scope}.csv`}
        hint="req.csvHint"
      />
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <RequestTable caption={t('req.listCaption')} rows={rows} requestOf={(r) => r} rowKey={(r) => r.id} empty={t('req.empty')} />
      )}
      {rows.length > 0 ? (
        <p className="mt-2 text-std-16N-170 text-solid-gray-700">{t('req.pageInfo', { from: offset + 1, to: offset + rows.length })}</p>
      ) : null}
      {offset > 0 || rows.length === PAGE_SIZE ? (
        <nav aria-label={t('pager.label')} className="mt-6 flex flex-wrap gap-6">
          {offset > 0 ? (
            <Button variant="tertiary" onClick={() => apply(filters, Math.max(0, offset - PAGE_SIZE))}>
              {t('pager.previous')}
            </Button>
          ) : null}
          {rows.length === PAGE_SIZE ? (
            <Button variant="tertiary" onClick={() => apply(filters, offset + PAGE_SIZE)}>
              {t('pager.next')}
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
