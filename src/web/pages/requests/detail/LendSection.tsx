import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { TextField } from '../../../components/Field.js';
import { Section } from '../../../components/Section.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { formatDateTime } from '../../../lib/dates.js';
import { useI18n } from '../../../lib/locale.js';
import { personLabel } from '../../../lib/request-labels.js';
import type { LendEvent, LendRecord } from '../../../lib/request-types.js';

/** The order the server keeps: 貸与 → 返却 → 返却の確認. */
const NEXT_EVENT: Readonly<Record<LendEvent | 'none', LendEvent | null>> = {
  none: 'lent',
  lent: 'returned',
  returned: 'confirmed',
  confirmed: null,
};

/** ISK 様式1: the lend/return record of an approved take-out (POST /lend), one button for the next event. */
export function LendSection({ requestId, records, onChanged }: { requestId: string; records: LendRecord[]; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const next = NEXT_EVENT[records.at(-1)?.event ?? 'none'];

  const record = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!next) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.post(`/api/requests/${seg(requestId)}/lend`, { event: next, note: note.trim() || undefined });
      setNote('');
      setDone(true);
      onChanged();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('req.lend.heading')}>
      {records.length === 0 ? (
        <p className="mb-4">{t('req.lend.empty')}</p>
      ) : (
        <ol className="mb-6 space-y-2">
          {records.map((line) => (
            <li key={line.id}>
              <span className="text-std-16B-170">{t(`req.lend.event.${line.event}`)}</span>
              <time dateTime={line.at} className="ml-3">
                {formatDateTime(line.at, locale)}
              </time>
              <span className="ml-3">{personLabel(line.actor)}</span>
              {line.note ? <span className="ml-3">「{line.note}」</span> : null}
            </li>
          ))}
        </ol>
      )}
      {done ? (
        <Alert tone="success" className="mb-4">
          {t('req.lend.done')}
        </Alert>
      ) : null}
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      {next ? (
        <form noValidate onSubmit={(event) => void record(event)}>
          <TextField label={t('req.lend.note')} value={note} onChange={(event) => setNote(event.target.value)} maxLength={500} />
          <Button type="submit" disabled={busy}>
            {t(`req.lend.${next}`)}
          </Button>
        </form>
      ) : null}
    </Section>
  );
}
