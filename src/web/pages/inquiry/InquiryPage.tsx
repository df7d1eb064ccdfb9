import { useMemo, useState } from 'react';
import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { api, errorMessage } from '../../lib/api.js';
import { useI18n } from '../../lib/locale.js';
import { useApiData } from '../../lib/use-api-data.js';
import { applicationsOf, rightCodesOf } from './api-shapes.js';
import { InquiryForm, type InquiryRequest } from './InquiryForm.js';
import { InquiryResults } from './InquiryResults.js';
import type { InquiryAnswer } from './types.js';

/**
 * 照会 (APP-7 … APP-10): choose an application, state the purpose, give criteria, read the records
 * under the watermark. A refusal (no_use_right, purpose_required, query_too_broad) is shown in the
 * server's own words. A new query replaces the previous answer; nothing of it outlives the page.
 */
export function InquiryPage() {
  const { t, locale } = useI18n();
  const applications = useApiData<unknown>('/api/applications');
  const rights = useApiData<unknown>('/api/rights/mine');
  const list = useMemo(() => applicationsOf(applications.data), [applications.data]);
  const rightCodes = useMemo(() => rightCodesOf(rights.data), [rights.data]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<InquiryAnswer | null>(null);

  const run = async (request: InquiryRequest) => {
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await api.post<InquiryAnswer>('/api/inquiries', request));
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageTitle>{t('inquiry.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('inq.lead')}</p>
      {applications.error ? <Alert className="mb-4">{applications.error}</Alert> : null}
      {applications.loading && !applications.data ? (
        <Loading />
      ) : (
        <InquiryForm applications={list} rightCodes={rightCodes} busy={busy} onSubmit={(r) => void run(r)} />
      )}
      {error ? (
        <Alert className="mb-6" title={t('inq.refused')}>
          {error}
        </Alert>
      ) : null}
      {answer ? <InquiryResults key={answer.inquiryId} answer={answer} /> : null}
    </div>
  );
}
