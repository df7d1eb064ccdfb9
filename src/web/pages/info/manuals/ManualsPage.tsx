import { useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Loading } from '../../../components/Loading.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { Section } from '../../../components/Section.js';
import { type Column, DataTable } from '../../../components/Table.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { useSession } from '../../../lib/session.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { canAdministerApplications } from '../info-access.js';
import { UnitLabel } from '../info-display.js';
import { type Manual, rowsOf } from '../info-types.js';
import { ManualEventForm } from './ManualEventForm.js';
import { ManualForm } from './ManualForm.js';

/**
 * 取扱説明書管理簿 (OUT-7, AIC 第8-5): every copy of an application's manual is numbered and its
 * delivery, receipt, copying, return, storage and disposal recorded. Everyone reads the ledger;
 * システム管理者・総務部長 keep it.
 */
export function ManualsPage() {
  const { t, locale } = useI18n();
  const { state } = useSession();
  const keeper = canAdministerApplications(state);
  const list = useApiData<unknown>('/api/manuals');
  const rows = rowsOf<Manual>(list.data, 'manuals');
  const [message, setMessage] = useState<string | null>(null);

  const done = (text: string) => {
    setMessage(text);
    list.reload();
  };

  const columns: Column<Manual>[] = [
    { key: 'number', header: t('info.manual.number'), cell: (m) => <span className="font-mono">{m.number}</span> },
    { key: 'title', header: t('info.manual.titleField'), cell: (m) => m.title },
    { key: 'app', header: t('info.manual.application'), cell: (m) => <span className="font-mono">{m.applicationCode}</span> },
    { key: 'unit', header: t('info.manual.unit'), cell: (m) => <UnitLabel unit={{ code: m.unitCode, name: m.unitName ?? '' }} /> },
    { key: 'copies', header: t('info.manual.copies'), cell: (m) => m.copies },
    {
      key: 'state',
      header: t('info.manual.state'),
      cell: (m) => t(m.state === 'disposed' ? 'info.manual.state.disposed' : 'info.manual.state.held'),
    },
    { key: 'last', header: t('info.manual.lastEvent'), cell: (m) => formatDateTime(m.lastEventAt, locale) },
  ];

  return (
    <div>
      <PageTitle>{t('info.manual.title')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('info.manual.lead')}</p>
      <div aria-live="polite">
        {message ? (
          <Alert tone="success" className="mb-4">
            {message}
          </Alert>
        ) : null}
      </div>
      {list.error ? <Alert className="mb-4">{list.error}</Alert> : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        <section className="mb-10 overflow-x-auto" aria-label={t('info.manual.caption')} tabIndex={0}>
          <DataTable caption={t('info.manual.caption')} columns={columns} rows={rows} rowKey={(m) => m.id} empty={t('info.manual.empty')} />
        </section>
      )}
      {keeper ? (
        <>
          <Section title={t('info.manual.eventTitle')}>
            <ManualEventForm manuals={rows.filter((m) => m.state !== 'disposed')} onDone={done} />
          </Section>
          <Section title={t('info.manual.new')}>
            <ManualForm onDone={done} />
          </Section>
        </>
      ) : null}
    </div>
  );
}
