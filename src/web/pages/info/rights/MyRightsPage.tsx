import { Alert } from '../../../components/Alert.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { rowsOf, type UseRight } from '../info-types.js';
import { RightsTable } from './RightsTable.js';

/** 自分の業務利用権 (APP-3, APP-7): what the signed-in person may query, and until when. */
export function MyRightsPage() {
  const { t } = useI18n();
  const list = useApiData<unknown>('/api/rights/mine');
  const rows = rowsOf<UseRight>(list.data, 'rights');
  return (
    <div>
      <PageTitle>{t('info.right.mineTitle')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.right.mineLead')}</p>
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <RightsTable caption={t('info.right.mineCaption')} rows={rows} show={['usable']} empty={t('info.right.mineEmpty')} />
      )}
    </div>
  );
}
