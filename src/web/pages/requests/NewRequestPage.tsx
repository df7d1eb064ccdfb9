import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { SelectField } from '../../components/Field.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { api, seg } from '../../lib/api.js';
import type { FlashState } from '../../lib/flash.js';
import { useI18n } from '../../lib/locale.js';
import { localized, typeTitle } from '../../lib/request-labels.js';
import type { RequestSummary } from '../../lib/request-types.js';
import { useRequestTypes } from '../../lib/use-request-types.js';
import { RequestFieldsForm } from './RequestFieldsForm.js';

/**
 * 新規申請: choose the kind (kept in the address, ?type=), fill its form, save a draft or apply at
 * once (POST /api/requests, then /submit). When saving worked but applying did not, later sends
 * change the saved draft instead of making another.
 */
export function NewRequestPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const types = useRequestTypes();
  const [draftId, setDraftId] = useState<string | null>(null);
  const typeCode = params.get('type') ?? '';
  const type = types.data?.types.find((candidate) => candidate.code === typeCode);

  const save = async (fields: Record<string, unknown>, intent: string) => {
    let id = draftId;
    if (id) await api.patch(`/api/requests/${seg(id)}`, { fields });
    else {
      const created = await api.post<{ request: RequestSummary }>('/api/requests', { typeCode, fields });
      id = created.request.id;
    }
    if (intent === 'submit') {
      try {
        await api.post(`/api/requests/${seg(id)}/submit`);
      } catch (error) {
        setDraftId(id);
        throw error;
      }
    }
    const flash: FlashState = { flash: intent === 'submit' ? 'req.flash.submitted' : 'req.flash.draftSaved' };
    navigate(`/requests/${seg(id)}`, { state: flash });
  };

  const choose = (code: string) => {
    setDraftId(null);
    setParams(code ? { type: code } : {});
  };

  return (
    <div>
      <PageTitle>{t('req.new.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('req.new.lead')}</p>
      {types.error ? <Alert className="mb-4">{types.error}</Alert> : null}
      {types.loading && !types.data ? <Loading /> : null}
      {types.data ? (
        <SelectField
          label={t('req.new.chooseType')}
          hint={t('req.new.typeHint')}
          required
          placeholder={t('common.pleaseSelect')}
          options={types.data.types.map((candidate) => ({ value: candidate.code, label: typeTitle(candidate, locale) }))}
          value={typeCode}
          onChange={(event) => choose(event.target.value)}
        />
      ) : null}
      {type ? (
        <section aria-labelledby="request-form-heading" className="mt-8">
          <h2 id="request-form-heading" className="mb-6 border-b-2 border-blue-900 pb-2 text-std-24B-150">
            {t('req.new.formHeading', { form: type.form ?? '', name: localized(type.name, locale) })}
          </h2>
          {draftId ? (
            <Alert tone="warning" className="mb-6">
              <p>{t('req.form.submitFailed')}</p>
              <Link to={`/requests/${seg(draftId)}`}>{t('req.form.openDraft')}</Link>
            </Alert>
          ) : null}
          <RequestFieldsForm
            key={type.code}
            type={type}
            intents={[
              { id: 'draft', label: t('req.saveDraft'), variant: 'secondary' },
              { id: 'submit', label: t('req.saveAndSubmit'), variant: 'primary' },
            ]}
            onSave={save}
          />
        </section>
      ) : null}
    </div>
  );
}
