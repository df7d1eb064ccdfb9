import type { ReactNode } from 'react';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { DetailItem, DetailList } from '../../components/DetailList.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Section } from '../../components/Section.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { useApiData } from '../../lib/use-api-data.js';

/**
 * 検証状況 (AUD-3, AUD-6): GET /api/audit/status, expected as
 * {head:{size, root}, latestCheckpoint:{size, root, signedAt, note}|null,
 *  clock:{source, synchronized, checkedAt}|null, lastVerification:{at, ok, entries, firstBad}|null}.
 * Read defensively: a part that is missing or of another shape is shown as unknown, never a crash.
 */

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

const MONO = 'font-mono text-dns-14N-130 break-all';
const CODE_BLOCK =
  'overflow-x-auto rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4 font-mono text-dns-14N-130 whitespace-pre-wrap break-all';

function Badge({ good, children }: { good: boolean; children: ReactNode }) {
  return (
    <span
      className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 whitespace-nowrap ${
        good ? 'border-success-2 bg-green-50 text-green-1000' : 'border-error-2 bg-red-50 text-red-1100'
      }`}
    >
      {children}
    </span>
  );
}

export function AuditStatusPage() {
  const { t, locale } = useI18n();
  const status = useApiData<unknown>('/api/audit/status');
  const data = record(status.data);
  const head = record(data?.head);
  const checkpoint = record(data?.latestCheckpoint);
  const clock = record(data?.clock);
  const verification = record(data?.lastVerification);

  const unknown = t('audit.unknown');
  const text = (value: unknown, mono = false) => {
    const s = scalar(value);
    if (s === null) return unknown;
    return mono ? <span className={MONO}>{s}</span> : s;
  };
  const when = (value: unknown) => {
    const s = scalar(value);
    return s === null ? unknown : formatDateTime(s, locale, true);
  };

  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle>{t('audit.statusTitle')}</PageTitle>
        <Button variant="secondary" size="sm" onClick={status.reload} disabled={status.loading}>
          {t('audit.reload')}
        </Button>
      </div>
      <p className="mb-6 text-std-16N-170">{t('audit.statusLead')}</p>
      {status.error ? <Alert className="mb-4">{status.error}</Alert> : null}
      {status.loading && !status.data ? <Loading /> : null}
      {data ? (
        <>
          <Section title={t('audit.head')}>
            <DetailList>
              <DetailItem term={t('audit.headSize')}>{text(head?.size)}</DetailItem>
              <DetailItem term={t('audit.root')}>{text(head?.root, true)}</DetailItem>
            </DetailList>
          </Section>

          <Section title={t('audit.latestCheckpoint')}>
            {checkpoint ? (
              <>
                <DetailList>
                  <DetailItem term={t('audit.checkpointSize')}>{text(checkpoint.size)}</DetailItem>
                  <DetailItem term={t('audit.root')}>{text(checkpoint.root, true)}</DetailItem>
                  <DetailItem term={t('audit.signedAt')}>{when(checkpoint.signedAt)}</DetailItem>
                </DetailList>
                {typeof checkpoint.note === 'string' ? (
                  <>
                    <h3 className="mt-6 mb-2 text-std-17B-170">{t('audit.note')}</h3>
                    <pre className={CODE_BLOCK} lang="en">
                      {checkpoint.note}
                    </pre>
                  </>
                ) : null}
              </>
            ) : (
              <Alert tone="warning">{t('audit.noCheckpoint')}</Alert>
            )}
          </Section>

          <Section title={t('audit.clock')}>
            {clock ? (
              <DetailList>
                <DetailItem term={t('audit.clockSource')}>{text(clock.source)}</DetailItem>
                <DetailItem term={t('audit.synchronized')}>
                  {typeof clock.synchronized === 'boolean' ? (
                    <Badge good={clock.synchronized}>{t(clock.synchronized ? 'audit.synchronizedYes' : 'audit.synchronizedNo')}</Badge>
                  ) : (
                    unknown
                  )}
                </DetailItem>
                <DetailItem term={t('audit.checkedAt')}>{when(clock.checkedAt)}</DetailItem>
              </DetailList>
            ) : (
              <Alert tone="info">{t('audit.noClock')}</Alert>
            )}
          </Section>

          <Section title={t('audit.lastVerification')}>
            {verification ? (
              <DetailList>
                <DetailItem term={t('audit.verifiedAt')}>{when(verification.at)}</DetailItem>
                <DetailItem term={t('audit.verificationResult')}>
                  {typeof verification.ok === 'boolean' ? (
                    <Badge good={verification.ok}>{t(verification.ok ? 'audit.verificationOk' : 'audit.verificationBad')}</Badge>
                  ) : (
                    unknown
                  )}
                </DetailItem>
                <DetailItem term={t('audit.verifiedEntries')}>{text(verification.entries)}</DetailItem>
                {verification.firstBad !== null && verification.firstBad !== undefined ? (
                  <DetailItem term={t('audit.firstBad')}>
                    <span className={MONO}>{scalar(verification.firstBad) ?? JSON.stringify(verification.firstBad)}</span>
                  </DetailItem>
                ) : null}
              </DetailList>
            ) : (
              <Alert tone="info">{t('audit.noVerification')}</Alert>
            )}
          </Section>
        </>
      ) : null}
    </div>
  );
}
