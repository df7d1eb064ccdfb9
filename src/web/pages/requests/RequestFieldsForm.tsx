import { useMemo, useRef, useState } from 'react';
import { type RegisterOptions, useForm } from 'react-hook-form';
import { Alert } from '../../components/Alert.js';
import { Button, type ButtonVariant } from '../../components/Button.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { errorMessage, isApiError } from '../../lib/api.js';
import { useI18n } from '../../lib/locale.js';
import type { RequestTypeInfo } from '../../lib/request-types.js';
import { type FormField, type FormValues, fieldsFrom, fieldsNamedIn, formFields, initialValues } from './field-schema.js';

export interface FormIntent {
  id: string;
  label: string;
  variant?: ButtonVariant;
}

interface RequestFieldsFormProps {
  type: RequestTypeInfo;
  stored?: Record<string, unknown>;
  /** The buttons; the first is also what Enter in a field does. */
  intents: readonly FormIntent[];
  /** Sends the fields; throws the API's error to have it shown. */
  onSave: (fields: Record<string, unknown>, intent: string) => Promise<void>;
}

/**
 * The form of a request type, generated from its field schema: text, long text, dates
 * (YYYY-MM-DD), selects for coded choices, checkboxes for yes/no. Server validation errors are shown
 * in an alert with the API's message, and beside each field the message names.
 */
export function RequestFieldsForm({ type, stored, intents, onSave }: RequestFieldsFormProps) {
  const { t, locale } = useI18n();
  const fields = useMemo(() => formFields(type, locale), [type, locale]);
  const [serverError, setServerError] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ defaultValues: initialValues(fields, stored) });

  const save = (intent: string) =>
    handleSubmit(async (values) => {
      setServerError(null);
      try {
        await onSave(fieldsFrom(fields, values), intent);
      } catch (cause) {
        const message = errorMessage(cause, locale);
        setServerError(message);
        if (isApiError(cause) && cause.code === 'validation_failed') {
          for (const name of fieldsNamedIn(message, fields)) setError(name, { type: 'server', message: t('req.form.serverField') });
        }
        window.setTimeout(() => alertRef.current?.scrollIntoView({ block: 'center' }), 0);
      }
    });

  const rules = (field: FormField): RegisterOptions<FormValues> => ({
    required: field.required ? (field.control === 'select' ? t('validation.select') : t('validation.required')) : false,
    validate: (value) => {
      if (typeof value !== 'string' || value.trim() === '') return true;
      if (field.maxLength !== undefined && value.trim().length > field.maxLength) return t('validation.max', { max: field.maxLength });
      if (field.control === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('validation.date');
      if (field.pattern && !new RegExp(field.pattern, 'u').test(value.trim())) return t('req.form.pattern');
      return true;
    },
  });

  const first = intents[0]?.id ?? 'save';
  return (
    <form noValidate onSubmit={save(first)}>
      <div ref={alertRef}>{serverError ? <Alert className="mb-6">{serverError}</Alert> : null}</div>
      {fields.map((field) => {
        const error = errors[field.name]?.message;
        const common = { label: field.label, error, ...register(field.name, rules(field)) };
        switch (field.control) {
          case 'checkbox':
            return <CheckboxField key={field.name} className="mb-6" {...common} />;
          case 'select':
            return (
              <SelectField
                key={field.name}
                required={field.required}
                placeholder={t('common.pleaseSelect')}
                options={field.options}
                width="max-w-md"
                {...common}
              />
            );
          case 'date':
            return (
              <TextField
                key={field.name}
                type="date"
                required={field.required}
                width="max-w-xs"
                hint={t('req.form.dateHint')}
                {...common}
              />
            );
          case 'textarea':
            return (
              <TextAreaField
                key={field.name}
                required={field.required}
                rows={4}
                hint={field.maxLength ? t('req.form.maxHint', { max: field.maxLength }) : undefined}
                {...common}
              />
            );
          default:
            return (
              <TextField
                key={field.name}
                required={field.required}
                autoComplete="off"
                hint={field.maxLength ? t('req.form.maxHint', { max: field.maxLength }) : undefined}
                {...common}
              />
            );
        }
      })}
      <div className="flex flex-wrap gap-4">
        {intents.map((intent, index) => (
          <Button
            key={intent.id}
            type={index === 0 ? 'submit' : 'button'}
            variant={intent.variant ?? (index === 0 ? 'primary' : 'secondary')}
            disabled={isSubmitting}
            onClick={index === 0 ? undefined : () => void save(intent.id)()}
          >
            {intent.label}
          </Button>
        ))}
      </div>
    </form>
  );
}
