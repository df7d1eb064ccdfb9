import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';
import { useI18n } from '../lib/locale.js';

/**
 * Form fields: a visible <label>, an optional hint, and an error that is linked with
 * aria-describedby and announced (role="alert"). Forms use noValidate; checking is done in script
 * so messages follow the UI language.
 */

const CONTROL =
  'block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-900 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1 disabled:border-solid-gray-300 disabled:bg-solid-gray-50 disabled:text-solid-gray-600';

interface FieldCommon {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Shows 必須 and sets aria-required (the browser's own check stays off). */
  required?: boolean;
  /** Width of the control, e.g. "max-w-sm". */
  width?: string;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}

/** The label's text stays exactly the field's name; 必須 is beside it (aria-required tells assistive tech). */
function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required: boolean | undefined }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap items-baseline gap-2">
      <label htmlFor={htmlFor} className="block text-std-17B-170 text-solid-gray-900">
        {label}
      </label>
      {required ? (
        <span aria-hidden="true" className="text-std-16N-170 text-error-2">
          {t('field.required')}
        </span>
      ) : null}
    </div>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-std-16N-170 text-solid-gray-700">
      {children}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-std-16B-170 text-error-2">
      {message}
    </p>
  );
}

type InputProps = Omit<ComponentPropsWithRef<'input'>, 'required'> & FieldCommon;

export function TextField({ label, hint, error, required, width, id, className, ...input }: InputProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = `${inputId}-error`;
  return (
    <div className={`mb-6 ${className ?? ''}`}>
      <FieldLabel htmlFor={inputId} label={label} required={required} />
      {hint ? <Hint id={`${inputId}-hint`}>{hint}</Hint> : null}
      <input
        id={inputId}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error ? errorId : undefined)}
        className={`${CONTROL} mt-2 ${width ?? 'max-w-xl'}`}
        {...input}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}

type TextAreaProps = Omit<ComponentPropsWithRef<'textarea'>, 'required'> & FieldCommon;

export function TextAreaField({ label, hint, error, required, width, id, className, ...area }: TextAreaProps) {
  const autoId = useId();
  const areaId = id ?? autoId;
  const hintId = hint ? `${areaId}-hint` : undefined;
  const errorId = `${areaId}-error`;
  return (
    <div className={`mb-6 ${className ?? ''}`}>
      <FieldLabel htmlFor={areaId} label={label} required={required} />
      {hint ? <Hint id={`${areaId}-hint`}>{hint}</Hint> : null}
      <textarea
        id={areaId}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error ? errorId : undefined)}
        className={`${CONTROL} mt-2 min-h-24 ${width ?? 'max-w-xl'}`}
        {...area}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

type SelectProps = Omit<ComponentPropsWithRef<'select'>, 'required'> &
  FieldCommon & {
    options: readonly SelectOption[];
    /** Text of a first, empty choice (e.g. 「選択してください」). */
    placeholder?: string;
  };

export function SelectField({ label, hint, error, required, width, id, className, options, placeholder, ...select }: SelectProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  const hintId = hint ? `${selectId}-hint` : undefined;
  const errorId = `${selectId}-error`;
  return (
    <div className={`mb-6 ${className ?? ''}`}>
      <FieldLabel htmlFor={selectId} label={label} required={required} />
      {hint ? <Hint id={`${selectId}-hint`}>{hint}</Hint> : null}
      <select
        id={selectId}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, error ? errorId : undefined)}
        className={`${CONTROL} mt-2 ${width ?? 'max-w-xl'}`}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}

type CheckboxProps = Omit<ComponentPropsWithRef<'input'>, 'type'> & {
  type?: 'checkbox' | 'radio';
  label: ReactNode;
  error?: string | undefined;
};

/** One checkbox (or radio button) with its label on the right. */
export function CheckboxField({ type = 'checkbox', label, error, id, className, ...input }: CheckboxProps) {
  const autoId = useId();
  const boxId = id ?? autoId;
  const errorId = `${boxId}-error`;
  return (
    <div className={`mb-2 ${className ?? ''}`}>
      <div className="flex items-start gap-3">
        <input
          id={boxId}
          type={type}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="mt-1 size-6 shrink-0 accent-blue-900"
          {...input}
        />
        <label htmlFor={boxId} className="text-std-16N-170 text-solid-gray-900">
          {label}
        </label>
      </div>
      <FieldError id={errorId} message={error} />
    </div>
  );
}

/** A group of checkboxes (or other controls) under one legend. */
export function FieldGroup({
  legend,
  hint,
  error,
  children,
  className,
}: {
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <fieldset aria-describedby={describedBy(hintId, error ? errorId : undefined)} className={`mb-6 ${className ?? ''}`}>
      <legend className="text-std-17B-170 text-solid-gray-900">{legend}</legend>
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      <div className="mt-2">{children}</div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
