import { Alert } from '../../components/Alert.js';
import { CsvDownloadButton } from '../../components/CsvDownloadButton.js';
import { DetailItem, DetailList } from '../../components/DetailList.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Section } from '../../components/Section.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { localized, personLabel } from '../../lib/request-labels.js';
import type { InboxAnswer, InboxCounts } from '../../lib/request-types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { RequestTable } from './RequestTable.js';
import { WarningMark } from './request-display.js';

type InboxItem = InboxAnswer['items'][number];

/** 決裁待ち (GET /api/requests/inbox): what waits for my decision, overdue ones marked; oral approvals owing paperwork. */
export function InboxPage() {
  const { t, locale } = useI18n();
  const inbox = useApiData<InboxAnswer>('/api/requests/inbox');
  const data = inbox.data;

  return (
    <div>
      <PageTitle>{t('req.inbox.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('req.inbox.lead')}</p>
      {inbox.error ? <Alert className="mb-4">{inbox.error}</Alert> : null}
      {inbox.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <Section title={t('req.inbox.counts')}>
            <InboxCountList counts={data.counts} />
          </Section>
          <Section title={t('req.inbox.itemsCaption')}>
            <CsvDownloadButton
              path="/api/requests/export.csv"
              query={{ scope: 'inbox' }}
              filename="sekimori-requests-inbox.csv"
              hint="req.csvHint"
            />
            <RequestTable<InboxItem>
              caption={t('req.inbox.itemsCaption')}
              rows={data.items}
              requestOf={(item) => item.request}
              rowKey={(item) => `${item.request.id}:${item.stage.id}`}
              empty={t('req.empty')}
              extra={[
                {
                  key: 'due',
                  header: t('req.col.due'),
                  cell: (item) => (
                    <>
                      {formatDateTime(item.request.dueAt, locale)}
                      {item.onBehalfOf ? (
                        <span className="block text-dns-14N-130 text-solid-gray-700">
                          {t('req.inbox.onBehalf', { name: personLabel(item.onBehalfOf) })}
                        </span>
                      ) : null}
                      <span className="sr-only">{localized(item.stage.label, locale)}</span>
                    </>
                  ),
                  className: 'min-w-40',
                },
              ]}
            />
          </Section>
          {data.paperwork.length > 0 ? (
            <Section title={t('req.inbox.paperworkCaption')}>
              <RequestTable
                caption={t('req.inbox.paperworkCaption')}
                rows={data.paperwork}
                requestOf={(r) => r}
                rowKey={(r) => r.id}
                empty={t('req.empty')}
                extra={[
                  {
                    key: 'paperworkDue',
                    header: t('req.inbox.paperworkDue'),
                    cell: (r) => formatDateTime(r.emergency?.paperworkDueAt, locale),
                    className: 'min-w-40',
                  },
                ]}
              />
            </Section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function InboxCountList({ counts }: { counts: InboxCounts }) {
  const { t } = useI18n();
  const value = (count: number, urgentLabel?: string) => (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="text-std-20B-150">{t('req.inbox.countValue', { count })}</span>
      {urgentLabel && count > 0 ? <WarningMark label={urgentLabel} /> : null}
    </span>
  );
  return (
    <DetailList>
      <DetailItem term={t('req.inbox.pending')}>{value(counts.pending)}</DetailItem>
      <DetailItem term={t('req.inbox.overdue')}>{value(counts.overdue, t('req.overdue'))}</DetailItem>
      <DetailItem term={t('req.inbox.paperworkOverdue')}>{value(counts.paperworkOverdue, t('req.paperworkOverdue'))}</DetailItem>
    </DetailList>
  );
}
