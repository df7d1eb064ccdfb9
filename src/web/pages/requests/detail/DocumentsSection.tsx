import { Alert } from '../../../components/Alert.js';
import { buttonClass } from '../../../components/Button.js';
import { DetailItem, DetailList } from '../../../components/DetailList.js';
import { Section } from '../../../components/Section.js';
import { seg } from '../../../lib/api.js';
import { formatCalendarDate, formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import type { RequestDetail } from '../../../lib/request-types.js';

/**
 * 様式（PDF）: the form as printed, previewed in place (GET /pdf?inline=1, framable by this origin
 * only) with a download link; for an approved ISK 様式2 the 持込許可証 (別記様式第3号).
 */
export function DocumentsSection({ detail }: { detail: RequestDetail }) {
  const { t, locale } = useI18n();
  const request = detail.request;
  const base = `/api/requests/${seg(request.id)}`;
  const permit = detail.permit;
  return (
    <Section title={t('req.detail.documents')}>
      <p className="mb-4 text-std-16N-170">{t('req.pdf.lead')}</p>
      <p className="mb-4">
        <a href={`${base}/pdf`} download className={buttonClass('secondary', 'sm')}>
          {t('req.pdf.download')}
        </a>
      </p>
      <iframe
        // A new version of the form after every change of the request.
        key={request.updatedAt}
        src={`${base}/pdf?inline=1`}
        title={t('req.pdf.frameTitle', { number: request.number })}
        className="mb-8 h-[36rem] w-full rounded-8 border border-solid-gray-420"
      />
      {permit ? (
        <>
          <h3 className="mb-2 text-std-20B-150">{t('req.permit.heading')}</h3>
          <DetailList>
            <DetailItem term={t('req.permit.number')}>{permit.number}</DetailItem>
            <DetailItem term={t('req.permit.period')}>
              {t('req.permit.periodValue', {
                from: formatCalendarDate(permit.validFrom, locale),
                to: formatCalendarDate(permit.validTo, locale),
              })}
            </DetailItem>
          </DetailList>
          {permit.revokedAt ? (
            <Alert tone="warning" className="mt-4">
              {t('req.permit.revoked', { at: formatDateTime(permit.revokedAt, locale) })}
            </Alert>
          ) : null}
          <p className="mt-4">
            <a href={`${base}/permit.pdf`} download className={buttonClass('primary', 'sm')}>
              {t('req.permit.download')}
            </a>
          </p>
        </>
      ) : null}
    </Section>
  );
}
