import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { api, seg } from '../../lib/api.js';
import type { FlashState } from '../../lib/flash.js';
import { useI18n } from '../../lib/locale.js';
import type { RequestDetail } from '../../lib/request-types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useRequestTypes } from '../../lib/use-request-types.js';
import { RequestFieldsForm } from './RequestFieldsForm.js';

/** Changes a draft or a returned request (PATCH), then optionally applies (submit / resubmit). */
export function EditRequestPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const detail = useApiData<RequestDetail>(`/api/requests/${seg(id)}`);
  const types = useRequestTypes();
  const request = detail.data?.request;
  const type = types.data?.types.find((candidate) => candidate.code === request?.type.code);
  const back = `/requests/${seg(id)}`;

  const save = async (fields: Record<string, unknown>, intent: string) => {
    await api.patch(`/api/requests/${seg(id)}`, { fields });
    if (intent === 'submit') await api.post(`/api/requests/${seg(id)}/${request?.state === 'returned' ? 'resubmit' : 'submit'}`);
    const flash: FlashState = { flash: intent === 'submit' ? 'req.flash.submitted' : 'req.flash.saved' };
    navigate(back, { state: flash });
  };

  const error = detail.error ?? types.error;
  return (
    <div>
      <p className="mb-2">
        <Link to={back}>{t('req.edit.back')}</Link>
      </p>
      <PageTitle title={request ? `${t('req.edit.title')}（${request.number}）` : t('req.edit.title')}>{t('req.edit.title')}</PageTitle>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      {!request || !type ? (
        error ? null : (
          <Loading />
        )
      ) : detail.data?.actions.edit ? (
        <RequestFieldsForm
          type={type}
          stored={request.fields}
          intents={[
            { id: 'save', label: t('req.edit.save'), variant: 'secondary' },
            { id: 'submit', label: t(request.state === 'returned' ? 'req.action.resubmit' : 'req.action.submit'), variant: 'primary' },
          ]}
          onSave={save}
        />
      ) : (
        <Alert tone="info">{t('req.detail.noActions')}</Alert>
      )}
    </div>
  );
}
