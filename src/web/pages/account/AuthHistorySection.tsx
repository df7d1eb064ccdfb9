import { Alert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { Section } from '../../components/Section.js';
import { type Column, DataTable } from '../../components/Table.js';
import { formatDateTime } from '../../lib/dates.js';
import { authActionKey, browserName, outcomeKey, reasonKey } from '../../lib/labels.js';
import { useI18n } from '../../lib/locale.js';
import type { AuthEvent } from '../../lib/types.js';
import { useApiData } from '../../lib/use-api-data.js';

const OUTCOME_STYLE: Readonly<Record<string, string>> = {
  success: 'text-success-2',
  failure: 'text-error-2 font-bold',
  denied: 'text-error-2 font-bold',
};

/** ID-6: the person's own log-ins, failures, lockouts, changes — to notice misuse of their ID. */
export function AuthHistorySection() {
  const { t, locale } = useI18n();
  const history = useApiData<{ events: AuthEvent[] }>('/api/me/auth-history', { limit: 50 });

  const label = (key: ReturnType<typeof authActionKey>, raw: string) => (key ? t(key) : raw);
  const columns: Column<AuthEvent>[] = [
    { key: 'at', header: t('history.at'), cell: (e) => formatDateTime(e.at, locale, true) },
    { key: 'action', header: t('history.action'), cell: (e) => label(authActionKey(e.action), e.action) },
    {
      key: 'outcome',
      header: t('history.outcome'),
      cell: (e) => <span className={OUTCOME_STYLE[e.outcome] ?? ''}>{label(outcomeKey(e.outcome), e.outcome)}</span>,
    },
    { key: 'reason', header: t('history.reason'), cell: (e) => (e.reason ? label(reasonKey(e.reason), e.reason) : '') },
    {
      key: 'source',
      header: t('history.source'),
      cell: (e) => (
        <>
          {e.sourceAddress ?? ''}
          {e.userAgent ? <span className="block text-dns-14N-130 text-solid-gray-700">{browserName(e.userAgent)}</span> : null}
        </>
      ),
    },
  ];

  return (
    <Section id="history" title={t('account.history')}>
      <p className="mb-4 text-std-16N-170">{t('history.lead')}</p>
      {history.error ? <Alert className="mb-4">{history.error}</Alert> : null}
      {history.loading && !history.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('account.history')}
          hideCaption
          columns={columns}
          rows={history.data?.events ?? []}
          rowKey={(e) => String(e.seq)}
          empty={t('history.empty')}
        />
      )}
    </Section>
  );
}
