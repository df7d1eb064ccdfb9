import { useSearchParams } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { SelectField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { rowsOf, type UseRight } from '../info-types.js';
import { RightsTable } from './RightsTable.js';

const PERIODS = ['30', '60', '90', '180', '365'] as const;

/**
 * 未使用の業務利用権 (APP-6): rights not used for 90 days (by default) are reported to 総務部長 so they
 * can be reviewed and removed.
 */
export function UnusedRightsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const days = PERIODS.find((d) => d === params.get('days')) ?? '90';
  const list = useApiData<unknown>('/api/rights/unused', { days });
  const rows = rowsOf<UseRight>(list.data, 'rights');
  return (
    <div>
      <PageTitle>{t('info.right.unusedTitle')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.right.unusedLead')}</p>
      <SelectField
        label={t('info.right.unusedDays')}
        value={days}
        onChange={(e) => setParams({ days: e.target.value })}
        options={PERIODS.map((d) => ({ value: d, label: t('info.right.daysValue', { days: d }) }))}
        width="max-w-xs"
      />
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <RightsTable
          caption={t('info.right.unusedCaption', { days })}
          rows={rows}
          show={['user', 'lastUsed']}
          empty={t('info.right.unusedEmpty')}
        />
      )}
    </div>
  );
}
