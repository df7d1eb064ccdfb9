import { DetailItem, DetailList } from '../../../components/DetailList.js';
import { Section } from '../../../components/Section.js';
import { formatCalendarDate, formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { localized, personLabel, typeTitle } from '../../../lib/request-labels.js';
import type { RequestDetail } from '../../../lib/request-types.js';
import { RequestFlags, RequestStateBadge } from '../request-display.js';

/** 概要: number, type and 様式, state, who applied, where it stands and its dates (和暦). */
export function SummarySection({ request }: { request: RequestDetail['request'] }) {
  const { t, locale } = useI18n();
  const emergency = request.emergency;
  return (
    <Section title={t('req.detail.summary')}>
      <DetailList>
        <DetailItem term={t('req.number')}>
          <span className="font-mono">{request.number}</span>
        </DetailItem>
        <DetailItem term={t('req.type')}>{typeTitle(request.type, locale)}</DetailItem>
        <DetailItem term={t('req.state')}>
          <RequestStateBadge state={request.state} />
          <RequestFlags request={request} />
        </DetailItem>
        <DetailItem term={t('req.title')}>{request.title}</DetailItem>
        <DetailItem term={t('req.applicant')}>{personLabel(request.applicant)}</DetailItem>
        <DetailItem term={t('req.applicantUnit')}>{request.applicantUnit?.name ?? ''}</DetailItem>
        {request.beneficiary ? <DetailItem term={t('req.beneficiary')}>{personLabel(request.beneficiary)}</DetailItem> : null}
        <DetailItem term={t('req.round')}>{t('req.roundValue', { round: request.round })}</DetailItem>
        {request.currentStages.length > 0 ? (
          <DetailItem term={t('req.currentStage')}>{request.currentStages.map((s) => localized(s.label, locale)).join('、')}</DetailItem>
        ) : null}
        {request.submittedAt ? <DetailItem term={t('req.submittedAt')}>{formatDateTime(request.submittedAt, locale)}</DetailItem> : null}
        {request.dueAt ? <DetailItem term={t('req.dueAt')}>{formatDateTime(request.dueAt, locale)}</DetailItem> : null}
        {request.decidedAt ? <DetailItem term={t('req.decidedAt')}>{formatDateTime(request.decidedAt, locale)}</DetailItem> : null}
        {request.validTo ? <DetailItem term={t('req.validTo')}>{formatCalendarDate(request.validTo, locale)}</DetailItem> : null}
        {emergency ? (
          <DetailItem term={t('req.emergency')}>
            {t('req.emergencyValue', {
              oralAt: formatDateTime(emergency.oralAt, locale),
              dueAt: formatDateTime(emergency.paperworkDueAt, locale),
            })}
            {emergency.paperworkDoneAt ? (
              <span className="block">{t('req.paperworkDone', { at: formatDateTime(emergency.paperworkDoneAt, locale) })}</span>
            ) : null}
          </DetailItem>
        ) : null}
      </DetailList>
    </Section>
  );
}
