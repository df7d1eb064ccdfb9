import { type FormEvent, useState } from 'react';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { Section } from '../../components/Section.js';
import type { MessageKey } from '../../i18n/index.js';
import { api, errorMessage, seg } from '../../lib/api.js';
import { useI18n } from '../../lib/locale.js';
import { deliveryMeansKey, eventKindKey } from './output-labels.js';
import { RECORDABLE_EVENT_KINDS, type RecordableEventKind } from './types.js';

/** OUT-5: how a material may be handed over (outputs/rules.ts DELIVERY_MEANS). */
const MEANS = ['hand', 'post', 'file_server', 'email', 'fax', 'other'] as const;
const ELECTRONIC = new Set<string>(['file_server', 'email', 'fax']);
/** OUT-6: destroyed so it cannot be recovered; the method is recorded in words. */
const DISPOSAL_METHODS: readonly MessageKey[] = ['out.method.shred', 'out.method.dissolve', 'out.method.erase'];

type FieldName = 'kind' | 'quantity' | 'recipient' | 'means' | 'approval' | 'countermeasure' | 'method' | 'place' | 'note';
type Values = Record<FieldName, string>;
type Errors = Partial<Record<FieldName, string>>;

const EMPTY: Values = {
  kind: '',
  quantity: '',
  recipient: '',
  means: '',
  approval: '',
  countermeasure: '',
  method: '',
  place: '',
  note: '',
};

/** What each handling must state (outputs/rules.ts checkEvent); the server checks the same. */
function check(v: Values, t: (key: MessageKey) => string): Errors {
  const errors: Errors = {};
  if (!v.kind) errors.kind = t('out.form.error.kind');
  if (v.quantity.trim() !== '') {
    const n = Number(v.quantity);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) errors.quantity = t('out.form.error.quantity');
  }
  if (v.kind === 'deliver') {
    if (!v.recipient.trim()) errors.recipient = t('out.form.error.recipient');
    if (!v.means) errors.means = t('out.form.error.means');
    // OUT-5: post only with 総務部長's approval; electronic means only with the agreed countermeasure.
    if (v.means === 'post' && !v.approval.trim()) errors.approval = t('out.form.error.approval');
    if (ELECTRONIC.has(v.means) && !v.countermeasure.trim()) errors.countermeasure = t('out.form.error.countermeasure');
  }
  // OUT-6: destroyed irrecoverably, by a named method; stored in a named locked place.
  if (v.kind === 'dispose' && !v.method) errors.method = t('out.form.error.method');
  if (v.kind === 'store' && !v.place.trim()) errors.place = t('out.form.error.place');
  if (v.kind === 'copy' && !v.note.trim()) errors.note = t('out.form.error.copyReason');
  return errors;
}

function bodyOf(v: Values): Record<string, string | number> {
  const body: Record<string, string | number> = { kind: v.kind };
  if (v.quantity.trim()) body.quantity = Number(v.quantity);
  if (v.recipient.trim() && v.kind !== 'store' && v.kind !== 'dispose') body.recipient = v.recipient.trim();
  if (v.kind === 'deliver') {
    body.means = v.means;
    if (v.means === 'post') body.approval = v.approval.trim();
    if (ELECTRONIC.has(v.means)) body.countermeasure = v.countermeasure.trim();
  }
  if (v.kind === 'dispose') body.method = v.method;
  if (v.kind === 'store') body.place = v.place.trim();
  if (v.note.trim()) body.note = v.note.trim();
  return body;
}

/** 受入れ・複写・交付・返却・保管・廃棄 of a material (OUT-2, OUT-5, OUT-6): POST /api/outputs/:id/events. */
export function OutputEventForm({ outputId, onRecorded }: { outputId: string; onRecorded: () => void }) {
  const { t, locale } = useI18n();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (name: FieldName) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: event.target.value }));
  const kind = values.kind as RecordableEventKind | '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(values, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.post(`/api/outputs/${seg(outputId)}/events`, bodyOf(values));
      const key = eventKindKey(values.kind);
      setDone(t('out.form.done', { kind: key ? t(key) : values.kind }));
      setValues(EMPTY);
      onRecorded();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('out.form.title')}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <SelectField
          label={t('out.form.kind')}
          required
          width="max-w-sm"
          value={values.kind}
          onChange={set('kind')}
          placeholder={t('common.pleaseSelect')}
          options={RECORDABLE_EVENT_KINDS.map((k) => {
            const key = eventKindKey(k);
            return { value: k, label: key ? t(key) : k };
          })}
          error={errors.kind}
        />
        <TextField
          label={t('out.form.quantity')}
          inputMode="numeric"
          width="max-w-xs"
          value={values.quantity}
          onChange={set('quantity')}
          error={errors.quantity}
        />
        {kind === 'deliver' || kind === 'copy' || kind === 'receive' || kind === 'return' ? (
          <TextField
            label={t(kind === 'receive' || kind === 'return' ? 'out.form.counterpart' : 'out.form.recipient')}
            required={kind === 'deliver'}
            maxLength={200}
            value={values.recipient}
            onChange={set('recipient')}
            error={errors.recipient}
          />
        ) : null}
        {kind === 'deliver' ? (
          <>
            <SelectField
              label={t('out.form.means')}
              hint={t('out.form.meansHint')}
              required
              width="max-w-sm"
              value={values.means}
              onChange={set('means')}
              placeholder={t('common.pleaseSelect')}
              options={MEANS.map((m) => {
                const key = deliveryMeansKey(m);
                return { value: m, label: key ? t(key) : m };
              })}
              error={errors.means}
            />
            {values.means === 'post' ? (
              <TextField
                label={t('out.form.approval')}
                required
                maxLength={100}
                value={values.approval}
                onChange={set('approval')}
                error={errors.approval}
              />
            ) : null}
            {ELECTRONIC.has(values.means) ? (
              <TextAreaField
                label={t('out.form.countermeasure')}
                required
                maxLength={500}
                value={values.countermeasure}
                onChange={set('countermeasure')}
                error={errors.countermeasure}
              />
            ) : null}
          </>
        ) : null}
        {kind === 'dispose' ? (
          <SelectField
            label={t('out.form.method')}
            required
            width="max-w-sm"
            value={values.method}
            onChange={set('method')}
            placeholder={t('common.pleaseSelect')}
            options={DISPOSAL_METHODS.map((key) => ({ value: t(key), label: t(key) }))}
            error={errors.method}
          />
        ) : null}
        {kind === 'store' ? (
          <TextField
            label={t('out.form.place')}
            hint={t('out.form.placeHint')}
            required
            maxLength={200}
            value={values.place}
            onChange={set('place')}
            error={errors.place}
          />
        ) : null}
        <TextAreaField
          label={t(kind === 'copy' ? 'out.form.copyReason' : 'out.form.note')}
          required={kind === 'copy'}
          maxLength={1000}
          value={values.note}
          onChange={set('note')}
          error={errors.note}
        />
        <Button type="submit" disabled={busy}>
          {t('out.form.submit')}
        </Button>
      </form>
      <div aria-live="polite">
        {done ? (
          <Alert tone="success" className="mt-4">
            {done}
          </Alert>
        ) : null}
      </div>
      {error ? <Alert className="mt-4">{error}</Alert> : null}
    </Section>
  );
}
