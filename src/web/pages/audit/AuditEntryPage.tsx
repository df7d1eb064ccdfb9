import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { DetailItem, DetailList } from '../../components/DetailList.js';
import { Loading } from '../../components/Loading.js';
import { OutcomeBadge } from '../../components/OutcomeBadge.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Section } from '../../components/Section.js';
import { seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import type { AuditEntryDetail, AuditInclusionProof } from '../../lib/types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { ActionLabel, ActorLabel, ReasonText, TargetLabel } from './audit-display.js';

const CODE_BLOCK =
  'overflow-x-auto rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4 font-mono text-dns-14N-130 whitespace-pre-wrap break-all';

/** True when an earlier page of this app is in the tab's history (React Router numbers its entries). */
function cameFromApp(): boolean {
  const state = window.history.state as { idx?: unknown } | null;
  return typeof state?.idx === 'number' && state.idx > 0;
}

/** エントリ詳細: one record as stored, its leaf hash, and its inclusion proof when the server has one. */
export function AuditEntryPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { seq = '' } = useParams();
  const detail = useApiData<AuditEntryDetail>(/^\d{1,18}$/.test(seq) ? `/api/audit/entries/${seg(seq)}` : null);
  const title = t('audit.entryPageTitle', { seq });
  const entry = detail.data?.entry;

  return (
    <div>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="mb-6">
        {cameFromApp() ? (
          <Button variant="tertiary" size="sm" onClick={() => navigate(-1)}>
            {t('audit.backToSearch')}
          </Button>
        ) : (
          <Link to="/audit">{t('audit.backToSearch')}</Link>
        )}
      </p>
      {!/^\d{1,18}$/.test(seq) ? <Alert>{t('notFound.body')}</Alert> : null}
      {detail.error ? <Alert className="mb-4">{detail.error}</Alert> : null}
      {detail.loading && !detail.data ? <Loading /> : null}
      {detail.data && entry ? (
        <>
          <Section title={t('audit.summary')}>
            <DetailList>
              <DetailItem term={t('audit.seq')}>
                <span className="font-mono">{entry.seq}</span>
              </DetailItem>
              <DetailItem term={t('audit.at')}>
                {formatDateTime(entry.occurredAt, locale, true)}
                <span className="block font-mono text-dns-14N-130 text-solid-gray-700">{entry.occurredAt}</span>
              </DetailItem>
              <DetailItem term={t('audit.action')}>
                <ActionLabel action={entry.action} />
              </DetailItem>
              <DetailItem term={t('audit.outcome')}>
                <OutcomeBadge outcome={entry.outcome} />
              </DetailItem>
              <DetailItem term={t('audit.reason')}>
                <ReasonText reason={entry.reason} />
              </DetailItem>
              <DetailItem term={t('audit.actor')}>
                <ActorLabel actor={entry.actor} />
              </DetailItem>
              {entry.actor.userId ? (
                <DetailItem term={t('audit.actorId')}>
                  <Link to={`/audit?user=${encodeURIComponent(entry.actor.userId)}`} className="font-mono break-all">
                    {entry.actor.userId}
                  </Link>
                </DetailItem>
              ) : null}
              <DetailItem term={t('audit.unit')}>
                <span className="font-mono">{entry.actor.unitCode ?? ''}</span>
              </DetailItem>
              <DetailItem term={t('audit.target')}>
                <TargetLabel target={entry.target} />
              </DetailItem>
            </DetailList>
          </Section>

          <Section title={t('audit.canonical')}>
            <p className="mb-2 text-std-16N-170">{t('audit.canonicalLead')}</p>
            <pre className={CODE_BLOCK} lang="en">
              {detail.data.canonical}
            </pre>
          </Section>

          <Section title={t('audit.leafHash')}>
            <p className="mb-2 text-std-16N-170">{t('audit.leafHashLead')}</p>
            <p className={CODE_BLOCK}>{detail.data.leafHash}</p>
          </Section>

          <Section title={t('audit.proof')}>
            <InclusionProof proof={detail.data.proof} seq={entry.seq} />
          </Section>
        </>
      ) : null}
    </div>
  );
}

function InclusionProof({ proof, seq }: { proof: AuditInclusionProof | null | undefined; seq: string }) {
  const { t } = useI18n();
  if (!proof || typeof proof !== 'object') {
    return <Alert tone="info">{t('audit.proofNone', { seq })}</Alert>;
  }
  const hashes = Array.isArray(proof.proof) ? proof.proof.filter((h): h is string => typeof h === 'string') : [];
  return (
    <>
      <p className="mb-4 text-std-16N-170">{t('audit.proofLead')}</p>
      <DetailList>
        <DetailItem term={t('audit.treeSize')}>
          <span className="font-mono">{proof.treeSize !== undefined ? String(proof.treeSize) : t('audit.unknown')}</span>
        </DetailItem>
        <DetailItem term={t('audit.proofHashes')}>
          {hashes.length === 0 ? (
            t('audit.proofEmpty')
          ) : (
            <ol className="list-decimal space-y-1 pl-6 font-mono text-dns-14N-130 break-all">
              {hashes.map((hash, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the position is the meaning (level in the tree).
                <li key={index}>{hash}</li>
              ))}
            </ol>
          )}
        </DetailItem>
      </DetailList>
      {typeof proof.checkpoint === 'string' ? (
        <>
          <h3 className="mt-6 mb-2 text-std-17B-170">{t('audit.checkpoint')}</h3>
          <pre className={CODE_BLOCK} lang="en">
            {proof.checkpoint}
          </pre>
        </>
      ) : (
        <Alert tone="info" className="mt-6">
          {t('audit.proofNoCheckpoint')}
        </Alert>
      )}
    </>
  );
}
