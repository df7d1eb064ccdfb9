import { Link } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { ApplicationStateBadge, ClassificationLabel, OutputCheckLabel, YesNo } from '../info-display.js';
import { type ApplicationSummary, rowsOf } from '../info-types.js';

/** 適用業務一覧 (APP-1): every signed-in user sees which applications exist and how they are run. */
export function ApplicationsPage() {
  const { t } = useI18n();
  const list = useApiData<unknown>('/api/applications');
  const rows = rowsOf<ApplicationSummary>(list.data, 'applications');

  const columns: Column<ApplicationSummary>[] = [
    {
      key: 'code',
      header: t('info.app.code'),
      cell: (a) => (
        <Link to={`/info/applications/${seg(a.code)}`} className="font-mono" aria-label={t('info.app.open', { name: a.name })}>
          {a.code}
        </Link>
      ),
    },
    { key: 'name', header: t('info.app.name'), cell: (a) => a.name },
    { key: 'state', header: t('info.app.state'), cell: (a) => <ApplicationStateBadge state={a.state} /> },
    { key: 'class', header: t('info.app.classification'), cell: (a) => <ClassificationLabel level={a.classification} /> },
    { key: 'pi', header: t('info.app.personalInformation'), cell: (a) => <YesNo value={a.personalInformation} /> },
    { key: 'check', header: t('info.app.outputCheck'), cell: (a) => <OutputCheckLabel mode={a.outputCheck} /> },
  ];

  return (
    <div>
      <PageTitle>{t('info.app.listTitle')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.app.listLead')}</p>
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <DataTable caption={t('info.app.listCaption')} columns={columns} rows={rows} rowKey={(a) => a.code} empty={t('info.app.empty')} />
      )}
    </div>
  );
}
