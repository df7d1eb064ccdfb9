import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { TextField } from '../../../components/Field.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import type { PendingEffect } from '../info-types.js';
import { fieldsOf, fieldText } from './effect-kinds.js';

/**
 * 様式7 の効果 (APP-11, OUT-2): the one-off output is made and entered in the output ledger, so it is
 * confirmed, returned or destroyed like any other personal-information output (AIC 第8-2, 第8-6).
 */
export function TemporaryOutputEffectForm({ effect, onDone }: { effect: PendingEffect; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const fields = fieldsOf(effect);
  const [summary, setSummary] = useState(fieldText(fields, 'outputContent'));
  const [quantity, setQuantity] = useState(/^\d+$/.test(fieldText(fields, 'quantity')) ? fieldText(fields, 'quantity') : '1');
  const [errors, setErrors] = useState<{ summary?: string; quantity?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (summary.trim() === '') next.summary = t('info.required');
    const count = Number(quantity);
    if (!Number.isInteger(count) || count < 1 || count > 10_000) next.quantity = t('info.quantityInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ number: string }>(`/api/effects/${seg(effect.id)}/temporary-output`, {
        summary: summary.trim(),
        quantity: count,
      });
      onDone(t('info.tempOutput.done', { number: answer.number }));
    } catch (cause) {
      setError(errorMessage(cause, locale));
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={t('info.tempOutput.form')}>
      <p className="mb-6 text-std-16N-170">{t('info.tempOutput.lead')}</p>
      <TextField
        label={t('info.tempOutput.summary')}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        error={errors.summary}
        required
      />
      <TextField
        label={t('info.tempOutput.quantity')}
        inputMode="numeric"
        value={quantity}
        onChange={(e) => setQuantity(e.target.value)}
        error={errors.quantity}
        required
        width="max-w-xs"
      />
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <Button type="submit" disabled={busy}>
        {t('info.tempOutput.record')}
      </Button>
    </form>
  );
}
