import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { Dialog } from '../../../components/Dialog.js';
import { TextAreaField } from '../../../components/Field.js';
import { useI18n } from '../../../lib/locale.js';
import type { ConfirmedAction } from '../../../lib/use-confirmed-action.js';

export interface ActionText {
  /** 'none': a plain confirmation; 'optional' / 'required': a comment or reason box. */
  need: 'none' | 'optional' | 'required';
  label?: string;
  hint?: string;
}

export interface ActionInput {
  text: string;
  overrideReason: string;
}

interface ActionDialogProps {
  action: ConfirmedAction;
  title: string;
  body?: string;
  confirmLabel: string;
  danger?: boolean;
  text: ActionText;
  /** Offer the ORG-3 override reason (types that allow it, approve/concur only). */
  allowOverride?: boolean;
  onConfirm: (input: ActionInput) => Promise<void>;
}

/** One action on a request, confirmed in a dialog with its comment or reason (required for 却下・差戻し・取消). */
export function ActionDialog({ action, title, body, confirmLabel, danger, text, allowOverride, onConfirm }: ActionDialogProps) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [override, setOverride] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (text.need === 'required' && !trimmed) return setFieldError(t('validation.required'));
    setFieldError(undefined);
    void action.run(() => onConfirm({ text: trimmed, overrideReason: override.trim() }));
  };

  const close = () => {
    setValue('');
    setOverride('');
    setFieldError(undefined);
    action.close();
  };

  return (
    <Dialog open={action.open} title={title} onClose={close}>
      <form noValidate onSubmit={submit}>
        {body ? <p className="mb-6 text-std-16N-170">{body}</p> : null}
        {text.need !== 'none' ? (
          <TextAreaField
            label={text.label ?? t('req.action.comment')}
            hint={text.hint}
            required={text.need === 'required'}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            error={fieldError}
            rows={3}
            width="w-full"
          />
        ) : null}
        {allowOverride ? (
          <TextAreaField
            label={t('req.action.override')}
            hint={t('req.action.overrideHint')}
            value={override}
            onChange={(event) => setOverride(event.target.value)}
            rows={2}
            width="w-full"
          />
        ) : null}
        {action.error ? <Alert className="mb-4">{action.error}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={close} disabled={action.busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} disabled={action.busy} aria-busy={action.busy || undefined}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
