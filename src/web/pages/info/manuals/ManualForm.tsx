import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { TextField } from '../../../components/Field.js';
import { api, errorMessage } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';

interface Draft {
  applicationCode: string;
  title: string;
  copies: string;
}

const EMPTY: Draft = { applicationCode: '', title: '', copies: '1' };

/** 取扱説明書の登録 (OUT-7): a new manual gets its ledger number from the server. */
export function ManualForm({ onDone }: { onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const [d, setD] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setD((prev) => ({ ...prev, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!d.applicationCode.trim()) next.applicationCode = t('info.required');
    if (!d.title.trim()) next.title = t('info.required');
    const copies = Number(d.copies);
    if (!Number.isInteger(copies) || copies < 1 || copies > 1000) next.copies = t('info.quantityInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ manual: { number: string } }>('/api/manuals', {
        applicationCode: d.applicationCode.trim(),
        title: d.title.trim(),
        copies,
      });
      setD(EMPTY);
      onDone(t('info.manual.registered', { number: answer.manual.number }));
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={t('info.manual.new')}>
      <TextField
        label={t('info.manual.application')}
        value={d.applicationCode}
        onChange={(e) => set({ applicationCode: e.target.value })}
        error={errors.applicationCode}
        required
        width="max-w-xs"
        autoComplete="off"
      />
      <TextField
        label={t('info.manual.titleField')}
        value={d.title}
        onChange={(e) => set({ title: e.target.value })}
        error={errors.title}
        required
      />
      <TextField
        label={t('info.manual.copies')}
        inputMode="numeric"
        value={d.copies}
        onChange={(e) => set({ copies: e.target.value })}
        error={errors.copies}
        required
        width="max-w-xs"
      />
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <Button type="submit" disabled={busy}>
        {t('info.manual.register')}
      </Button>
    </form>
  );
}
