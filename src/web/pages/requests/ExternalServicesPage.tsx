import { Link, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { SelectField } from '../../components/Field.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { type Column, DataTable } from '../../components/Table.js';
import { seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { personLabel } from '../../lib/request-labels.js';
import type { ExternalService } from '../../lib/request-types.js';
import { useApiData } from '../../lib/use-api-data.js';

const SERVICE_STATES = ['in_use', 'ended', 'cancelled'] as const;

export function ServiceStateText({ state }: { state: string }) {
  const { t } = useI18n();
  const known = (SERVICE_STATES as readonly string[]).includes(state);
  return <>{known ? t(`req.service.state.${state as (typeof SERVICE_STATES)[number]}`) : state}</>;
}

/** 外部サービス台帳 (GOV-2, GET /api/external-services): the approved services, readable by everyone. */
export function ExternalServicesPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const list = useApiData<{ services: ExternalService[] }>('/api/external-services', { state });

  const columns: Column<ExternalService>[] = [
    { key: 'name', header: t('req.service.name'), cell: (s) => s.name, className: 'min-w-40' },
    { key: 'kind', header: t('req.service.kind'), cell: (s) => t(`req.service.kind.${s.kind}`) },
    { key: 'level', header: t('req.service.level'), cell: (s) => t('req.service.levelValue', { level: s.maxConfidentiality }) },
    { key: 'manager', header: t('req.service.manager'), cell: (s) => personLabel(s.manager) },
    { key: 'unit', header: t('req.service.unit'), cell: (s) => s.unit?.name ?? '' },
    { key: 'state', header: t('req.service.state'), cell: (s) => <ServiceStateText state={s.state} /> },
    { key: 'approvedAt', header: t('req.service.approvedAt'), cell: (s) => formatDateTime(s.approvedAt, locale), className: 'min-w-40' },
    {
      key: 'request',
      header: t('req.service.request'),
      cell: (s) => (
        <Link to={`/requests/${seg(s.requestId)}`} className="font-mono whitespace-nowrap">
          {s.requestNumber}
        </Link>
      ),
    },
  ];

  return (
    <div>
      <PageTitle>{t('req.services.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('req.services.lead')}</p>
      <SelectField
        label={t('req.service.state')}
        placeholder={t('req.services.allStates')}
        options={SERVICE_STATES.map((value) => ({ value, label: t(`req.service.state.${value}`) }))}
        value={state}
        onChange={(event) => setParams(event.target.value ? { state: event.target.value } : {})}
        width="max-w-xs"
      />
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        <section className="overflow-x-auto" aria-label={t('req.services.caption')} tabIndex={0}>
          <DataTable
            caption={t('req.services.caption')}
            columns={columns}
            rows={list.data?.services ?? []}
            rowKey={(s) => s.id}
            empty={t('req.services.empty')}
          />
        </section>
      )}
    </div>
  );
}
