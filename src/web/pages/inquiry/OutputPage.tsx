import { useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert.js';
import { DetailItem, DetailList } from '../../components/DetailList.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Section } from '../../components/Section.js';
import { seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import type { SessionState } from '../../lib/session.js';
import { useSession } from '../../lib/session.js';
import { useApiData } from '../../lib/use-api-data.js';
import { OutputEventForm } from './OutputEventForm.js';
import { OutputEventsSection } from './OutputEventsSection.js';
import { UNIT_MANAGER_POSTS } from './OutputListPage.js';
import { ConfirmationBadge, outputStateKey, personText } from './output-labels.js';
import type { OutputDetailAnswer, OutputEvent } from './types.js';

/** OUT-3: mirrors outputs/rules.ts CONFIRM_OVERDUE_DAYS, only to colour the entries; the server's list decides. */
const CONFIRM_OVERDUE_MS = 7 * 24 * 3_600_000;

/** 確認 is offered to whoever keeps the material's unit (所属長・情報管理者); the server checks output.confirm again. */
function mayConfirm(state: SessionState, unitCode: string): boolean {
  return Boolean(state.user?.posts.some((p) => UNIT_MANAGER_POSTS.includes(p.post) && p.unitCode === unitCode));
}

function isOverdue(event: OutputEvent, now: number): boolean {
  return event.confirmation === null && now - new Date(event.at).getTime() > CONFIRM_OVERDUE_MS;
}

/** One 出力資料: what it is, its handling history, confirmation, and the next handling (OUT-2 … OUT-6). */
export function OutputPage() {
  const { t, locale } = useI18n();
  const { state } = useSession();
  const { id = '' } = useParams();
  const detail = useApiData<OutputDetailAnswer>(`/api/outputs/${seg(id)}`);
  const output = detail.data?.output ?? null;

  if (detail.loading && !output) return <Loading />;
  if (!detail.data || !output) return <Alert>{detail.error ?? t('error.generic')}</Alert>;
  const now = Date.now();
  const events = detail.data.events;
  const unconfirmed = events.filter((e) => e.confirmation === null).length;
  const overdue = events.some((e) => isOverdue(e, now));
  const stateKey = outputStateKey(output.state);
  const title = t('out.detail.title', { number: output.number });

  return (
    <div>
      <PageTitle title={title}>{title}</PageTitle>
      {detail.error ? <Alert className="mb-4">{detail.error}</Alert> : null}
      <Section title={t('out.detail.summary')}>
        <DetailList>
          <DetailItem term={t('out.col.number')}>{output.number}</DetailItem>
          <DetailItem term={t('out.col.createdAt')}>
            <time dateTime={output.createdAt}>{formatDateTime(output.createdAt, locale)}</time>
          </DetailItem>
          <DetailItem term={t('out.col.application')}>{`${output.applicationName}（${output.applicationCode}）`}</DetailItem>
          <DetailItem term={t('out.col.unit')}>{output.unitName}</DetailItem>
          <DetailItem term={t('out.detail.createdBy')}>{personText(output.createdBy)}</DetailItem>
          <DetailItem term={t('out.detail.purpose')}>{output.purpose}</DetailItem>
          <DetailItem term={t('out.col.summary')}>{output.summary}</DetailItem>
          <DetailItem term={t('out.col.quantity')}>{output.quantity}</DetailItem>
          <DetailItem term={t('out.col.state')}>{stateKey ? t(stateKey) : output.state}</DetailItem>
          <DetailItem term={t('out.col.confirmation')}>
            <ConfirmationBadge unconfirmed={unconfirmed} overdue={overdue} />
          </DetailItem>
        </DetailList>
      </Section>
      <OutputEventsSection
        events={events}
        overdueOf={(e) => isOverdue(e, now)}
        canConfirm={mayConfirm(state, output.unitCode)}
        onConfirmed={detail.reload}
      />
      {output.state !== 'disposed' ? <OutputEventForm outputId={output.id} onRecorded={detail.reload} /> : null}
    </div>
  );
}
