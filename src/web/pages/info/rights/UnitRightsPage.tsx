import { useSearchParams } from 'react-router-dom';
import { Alert } from '../../../components/Alert.js';
import { CsvDownloadButton } from '../../../components/CsvDownloadButton.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { useI18n } from '../../../lib/locale.js';
import { useSession } from '../../../lib/session.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { hasInformationOversight, rightsUnitCodes } from '../info-access.js';
import { rowsOf, type UseRight } from '../info-types.js';
import { UnitPicker } from '../UnitPicker.js';
import { RightsTable } from './RightsTable.js';

/**
 * 所属の業務利用権 (APP-3, APP-5): the unit's managers and 登録担当者 see who in the unit holds which
 * right; 総務部長・システム管理者・監査 any unit. CSV for the yearly review.
 */
export function UnitRightsPage() {
  const { t } = useI18n();
  const { state } = useSession();
  const [params, setParams] = useSearchParams();
  const choices = rightsUnitCodes(state);
  const anyUnit = hasInformationOversight(state);
  const unit = params.get('unit') ?? choices[0] ?? state.user?.unit?.code ?? '';
  const list = useApiData<unknown>(unit ? '/api/rights' : null, { unit });
  const rows = rowsOf<UseRight>(list.data, 'rights');

  if (!anyUnit && choices.length === 0)
    return (
      <div>
        <PageTitle>{t('info.right.unitTitle')}</PageTitle>
        <Alert>{t('info.forbidden.unitRights')}</Alert>
      </div>
    );

  return (
    <div>
      <PageTitle>{t('info.right.unitTitle')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.right.unitLead')}</p>
      <UnitPicker key={unit} value={unit} choices={choices} anyUnit={anyUnit} onChange={(next) => setParams(next ? { unit: next } : {})} />
      <CsvDownloadButton
        hint="info.csvHint"
        path="/api/rights.csv"
        query={{ unit }}
        filename={`sekimori-rights-${unit}.csv`}
        disabled={!unit}
      />
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {!unit ? null : list.loading && !list.data ? (
        <Loading />
      ) : (
        <RightsTable caption={t('info.right.unitCaption', { unit })} rows={rows} show={['user']} empty={t('info.right.unitEmpty')} />
      )}
    </div>
  );
}
