import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { SelectField, TextField } from '../../../components/Field.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import type { Manual, ManualEventKind } from '../info-types.js';

const KINDS: readonly ManualEventKind[] = ['deliver', 'receive', 'copy', 'return', 'store', 'dispose'];

interface Draft {
  manualId: string;
  kind: ManualEventKind | '';
  quantity: string;
  recipientLoginId: string;
  place: string;
  note: string;
}

const EMPTY: Draft = { manualId: '', kind: '', quantity: '', recipientLoginId: '', place: '', note: '' };

/** 交付・受領・複製・返却・保管・廃棄 of a manual (OUT-7), each a dated line in its ledger. */
export function ManualEventForm({ manuals, onDone }: { manuals: readonly Manual[]; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const [d, setD] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setD((prev) => ({ ...prev, ...patch }));
  const needsRecipient = d.kind === 'deliver';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!d.manualId) next.manualId = t('info.required');
    if (!d.kind) next.kind = t('info.required');
    const quantity = d.quantity.trim() === '' ? undefined : Number(d.quantity);
    if (quantity !== undefined && (!Number.isInteger(quantity) || quantity < 1 || quantity > 1000))
      next.quantity = t('info.quantityInvalid');
    if (needsRecipient && !d.recipientLoginId.trim()) next.recipientLoginId = t('info.required');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const manual = manuals.find((m) => m.id === d.manualId);
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/manuals/${seg(d.manualId)}/events`, {
        kind: d.kind,
        ...(quantity !== undefined ? { quantity } : {}),
        ...(d.recipientLoginId.trim() ? { recipientLoginId: d.recipientLoginId.trim() } : {}),
        ...(d.place.trim() ? { place: d.place.trim() } : {}),
        ...(d.note.trim() ? { note: d.note.trim() } : {}),
      });
      setD(EMPTY);
      onDone(t('info.manual.eventRecorded', { number: manual?.number ?? '' }));
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={t('info.manual.eventTitle')}>
      <SelectField
        label={t('info.manual.which')}
        value={d.manualId}
        onChange={(e) => set({ manualId: e.target.value })}
        options={manuals.map((m) => ({ value: m.id, label: `${m.number} ${m.title}` }))}
        placeholder={t('info.select')}
        error={errors.manualId}
        required
      />
      <SelectField
        label={t('info.manual.eventKind')}
        value={d.kind}
        onChange={(e) => set({ kind: e.target.value as ManualEventKind })}
        options={KINDS.map((k) => ({ value: k, label: t(`info.manual.event.${k}`) }))}
        placeholder={t('info.select')}
        error={errors.kind}
        required
        width="max-w-xs"
      />
      <TextField
        label={t('info.manual.quantity')}
        inputMode="numeric"
        value={d.quantity}
        onChange={(e) => set({ quantity: e.target.value })}
        error={errors.quantity}
        width="max-w-xs"
      />
      <TextField
        label={t('info.manual.recipient')}
        value={d.recipientLoginId}
        onChange={(e) => set({ recipientLoginId: e.target.value })}
        error={errors.recipientLoginId}
        required={needsRecipient}
        width="max-w-sm"
        autoComplete="off"
      />
      <TextField label={t('info.manual.place')} value={d.place} onChange={(e) => set({ place: e.target.value })} />
      <TextField label={t('info.manual.note')} value={d.note} onChange={(e) => set({ note: e.target.value })} />
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <Button type="submit" disabled={busy}>
        {t('info.manual.recordEvent')}
      </Button>
    </form>
  );
}
