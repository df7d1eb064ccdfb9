import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { seg } from '../../lib/api.js';
import { useI18n } from '../../lib/locale.js';
import { useRequestCounts } from '../../lib/request-counts.js';
import { localized } from '../../lib/request-labels.js';
import type { RequestDetail } from '../../lib/request-types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useRequestTypes } from '../../lib/use-request-types.js';
import { ActionsSection } from './detail/ActionsSection.js';
import { AttachmentsSection } from './detail/AttachmentsSection.js';
import { CommentsSection } from './detail/CommentsSection.js';
import { DocumentsSection } from './detail/DocumentsSection.js';
import { ExternalServiceSection } from './detail/ExternalServiceSection.js';
import { FieldsSection } from './detail/FieldsSection.js';
import { HistorySection } from './detail/HistorySection.js';
import { LendSection } from './detail/LendSection.js';
import { RouteSection } from './detail/RouteSection.js';
import { SummarySection } from './detail/SummarySection.js';
import { RequestStateBadge } from './request-display.js';

/** One request (GET /api/requests/:id): what it says, where it stands, who decided, and what can be done now. */
export function RequestPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const detail = useApiData<RequestDetail>(`/api/requests/${seg(id)}`);
  const types = useRequestTypes();
  const { refresh } = useRequestCounts();
  const [notice, setNotice] = useState<string | null>(null);
  const data = detail.data;

  const changed = () => {
    detail.reload();
    refresh();
  };
  const acted = (label: string) => {
    setNotice(t('req.action.done', { action: label }));
    changed();
  };

  if (detail.loading && !data) return <Loading />;
  if (!data) {
    return (
      <div>
        <PageTitle>{t('req.detail.summary')}</PageTitle>
        <Alert className="mb-6">{detail.error ?? t('error.generic')}</Alert>
        <Link to="/requests">{t('req.detail.back')}</Link>
      </div>
    );
  }

  const request = data.request;
  const type = types.data?.types.find((candidate) => candidate.code === request.type.code);
  const title = t('req.detail.pageTitle', { number: request.number, type: localized(request.type.name, locale) });
  return (
    <div>
      <p className="mb-2">
        <Link to="/requests">{t('req.detail.back')}</Link>
      </p>
      <PageTitle title={title}>
        <span className="font-mono">{request.number}</span>
        <span className="mt-1 block text-std-20N-150 text-solid-gray-800">
          {request.type.form ? `${request.type.form}　` : ''}
          {localized(request.type.name, locale)}
        </span>
      </PageTitle>
      <p className="-mt-3 mb-6">
        <RequestStateBadge state={request.state} />
      </p>
      <div aria-live="polite">
        {notice ? (
          <Alert tone="success" className="mb-6">
            {notice}
          </Alert>
        ) : null}
      </div>
      {detail.error ? <Alert className="mb-6">{detail.error}</Alert> : null}
      <ActionsSection detail={data} onDone={acted} />
      <SummarySection request={request} />
      <FieldsSection request={request} type={type} />
      <RouteSection route={data.route} />
      {request.type.code === 'isk1_take_out' && request.state === 'approved' ? (
        <LendSection requestId={request.id} records={data.lendRecords} onChanged={changed} />
      ) : null}
      {data.externalService ? <ExternalServiceSection service={data.externalService} /> : null}
      <DocumentsSection detail={data} />
      <HistorySection history={data.history} />
      <CommentsSection requestId={request.id} comments={data.comments} onChanged={changed} />
      <AttachmentsSection requestId={request.id} attachments={data.attachments} onChanged={changed} />
    </div>
  );
}
