import { Link } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { seg } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { PersonLabel } from '../info-display.js';
import { type PendingEffect, rowsOf } from '../info-types.js';
import { EFFECT_KEYS, fieldsOf, fieldText, requestNumberOf } from './effect-kinds.js';

/** 承認済み申請の処理 (APP-2, APP-3, APP-11): what approvals left for システム管理者・総務部長 to carry out. */
export function EffectsPage() {
  const { t, locale } = useI18n();
  const list = useApiData<unknown>('/api/effects');
  const rows = rowsOf<PendingEffect>(list.data, 'effects');

  const columns: Column<PendingEffect>[] = [
    {
      key: 'request',
      header: t('info.effect.request'),
      cell: (e) => (
        <Link to={`/info/effects/${seg(e.id)}`} aria-label={t('info.effect.open', { number: requestNumberOf(e) || e.id })}>
          {requestNumberOf(e) || e.id}
        </Link>
      ),
    },
    {
      key: 'kind',
      header: t('info.effect.kind'),
      cell: (e) => {
        const key = EFFECT_KEYS[e.effect];
        return key ? t(key) : e.effect;
      },
    },
    {
      key: 'app',
      header: t('info.effect.application'),
      cell: (e) => {
        const f = fieldsOf(e);
        return (
          <>
            <span className="font-mono">{fieldText(f, 'applicationCode')}</span> {fieldText(f, 'applicationName')}
          </>
        );
      },
    },
    {
      key: 'applicant',
      header: t('info.effect.applicant'),
      cell: (e) => (
        <>
          <PersonLabel person={e.applicant} />
          {e.applicant?.unit ? <span className="block text-solid-gray-700">{e.applicant.unit.name}</span> : null}
        </>
      ),
    },
    { key: 'at', header: t('info.effect.approvedAt'), cell: (e) => formatDateTime(e.createdAt, locale) },
  ];

  return (
    <div>
      <PageTitle>{t('info.effect.listTitle')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.effect.listLead')}</p>
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('info.effect.listCaption')}
          columns={columns}
          rows={rows}
          rowKey={(e) => e.id}
          empty={t('info.effect.empty')}
        />
      )}
    </div>
  );
}
