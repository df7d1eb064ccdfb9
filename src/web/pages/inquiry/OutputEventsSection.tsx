import { useState } from 'react';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Section } from '../../components/Section.js';
import { type Column, DataTable } from '../../components/Table.js';
import { api, errorMessage, seg } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { useI18n } from '../../lib/locale.js';
import { deliveryMeansKey, eventKindKey, personText } from './output-labels.js';
import type { OutputEvent } from './types.js';

/**
 * 取扱経過: every event of the material, oldest first, with who handled it, to whom, by what means
 * and method, and its confirmation. Unit heads confirm each unconfirmed event here (OUT-3); the
 * server decides who may, this page only offers the button to those it names.
 */
export function OutputEventsSection({
  events,
  overdueOf,
  canConfirm,
  onConfirmed,
}: {
  events: readonly OutputEvent[];
  overdueOf: (event: OutputEvent) => boolean;
  canConfirm: boolean;
  onConfirmed: () => void;
}) {
  const { t, locale } = useI18n();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const confirm = async (event: OutputEvent) => {
    setBusyId(event.id);
    setError(null);
    setDone(null);
    try {
      await api.post(`/api/output-events/${seg(event.id)}/confirm`, {});
      const key = eventKindKey(event.kind);
      setDone(t('out.confirm.done', { kind: key ? t(key) : event.kind }));
      onConfirmed();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusyId(null);
    }
  };

  const meansLabel = (means: string) => {
    const key = deliveryMeansKey(means);
    return key ? t(key) : means;
  };

  const columns: Column<OutputEvent>[] = [
    {
      key: 'kind',
      header: t('out.ev.kind'),
      cell: (e) => {
        const key = eventKindKey(e.kind);
        return <span className="text-dns-16B-130">{key ? t(key) : e.kind}</span>;
      },
      className: 'whitespace-nowrap',
    },
    { key: 'at', header: t('out.ev.at'), cell: (e) => <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time> },
    { key: 'handler', header: t('out.ev.handler'), cell: (e) => personText(e.handler) },
    { key: 'quantity', header: t('out.ev.quantity'), cell: (e) => e.quantity ?? '', className: 'text-right' },
    { key: 'recipient', header: t('out.ev.recipient'), cell: (e) => e.recipient ?? '' },
    {
      key: 'means',
      header: t('out.ev.meansMethod'),
      cell: (e) =>
        [e.means ? meansLabel(e.means) : null, e.method, e.place, e.approval, e.countermeasure]
          .filter((v): v is string => Boolean(v))
          .join(' / '),
    },
    { key: 'note', header: t('out.ev.note'), cell: (e) => e.note ?? '' },
    {
      key: 'confirmation',
      header: t('out.ev.confirmation'),
      cell: (e) => {
        if (e.confirmation) {
          return (
            <span>
              {t('out.confirm.confirmed')}
              <br />
              {personText(e.confirmation.by)}
              <br />
              <time dateTime={e.confirmation.at}>{formatDateTime(e.confirmation.at, locale)}</time>
            </span>
          );
        }
        const key = eventKindKey(e.kind);
        return (
          <div className="flex flex-col items-start gap-2">
            <span className={overdueOf(e) ? 'text-dns-14B-130 text-error-2' : 'text-dns-14B-130 text-orange-1100'}>
              {overdueOf(e) ? t('out.confirm.overdue') : t('out.confirm.pending')}
            </span>
            {canConfirm ? (
              <Button
                size="sm"
                onClick={() => void confirm(e)}
                disabled={busyId !== null}
                aria-label={t('out.confirm.buttonFor', { kind: key ? t(key) : e.kind, seq: e.seq })}
              >
                {t('out.confirm.button')}
              </Button>
            ) : null}
          </div>
        );
      },
    },
  ];

  return (
    <Section title={t('out.ev.title')}>
      <div aria-live="polite">
        {done ? (
          <Alert tone="success" className="mb-4">
            {done}
          </Alert>
        ) : null}
      </div>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <div className="overflow-x-auto">
        <DataTable
          caption={t('out.ev.caption')}
          hideCaption
          columns={columns}
          rows={events}
          rowKey={(e) => e.id}
          empty={t('out.ev.empty')}
        />
      </div>
    </Section>
  );
}
