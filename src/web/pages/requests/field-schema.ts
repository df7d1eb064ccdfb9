import type { Locale } from '../../i18n/index.js';
import { localized } from '../../lib/request-labels.js';
import type { FieldJsonSchema, RequestTypeInfo } from '../../lib/request-types.js';

/**
 * A request type's form, read from the JSON Schema of its fields (GET /api/requests/types): which
 * control each field gets and what it must satisfy. The server validates again with the type's zod
 * schema; this only lets the applicant see mistakes before sending.
 */

export type FieldControl = 'checkbox' | 'select' | 'date' | 'textarea' | 'text';

export interface FormField {
  name: string;
  label: string;
  control: FieldControl;
  required: boolean;
  maxLength?: number;
  pattern?: string;
  options: { value: string; label: string }[];
  defaultValue: string | boolean;
}

export type FormValues = Record<string, string | boolean>;

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** Free text (paragraph) fields allow 500 characters or more; one-line ones (names, places) fewer. */
const TEXTAREA_FROM = 500;

function controlOf(schema: FieldJsonSchema): FieldControl {
  if (schema.type === 'boolean') return 'checkbox';
  if (Array.isArray(schema.enum)) return 'select';
  if (schema.pattern === DATE_PATTERN) return 'date';
  if ((schema.maxLength ?? 0) >= TEXTAREA_FROM) return 'textarea';
  return 'text';
}

export function formFields(type: RequestTypeInfo, locale: Locale): FormField[] {
  const properties = type.fieldSchema.properties ?? {};
  const required = new Set(type.fieldSchema.required ?? []);
  return Object.entries(properties).map(([name, schema]) => {
    const control = controlOf(schema);
    const optionLabels = type.optionLabels[name] ?? {};
    const field: FormField = {
      name,
      label: localized(type.fieldLabels[name], locale) || name,
      control,
      required: required.has(name) && control !== 'checkbox',
      options: (schema.enum ?? []).map((value) => ({
        value: String(value),
        label: localized(optionLabels[String(value)], locale) || String(value),
      })),
      defaultValue: control === 'checkbox' ? schema.default === true : '',
    };
    if (schema.maxLength !== undefined) field.maxLength = schema.maxLength;
    if (schema.pattern !== undefined && control !== 'date') field.pattern = schema.pattern;
    return field;
  });
}

/** The form's values from stored fields (a draft being edited), or the defaults. */
export function initialValues(fields: readonly FormField[], stored: Record<string, unknown> = {}): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = stored[field.name];
    if (field.control === 'checkbox') values[field.name] = typeof value === 'boolean' ? value : field.defaultValue;
    else values[field.name] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
  return values;
}

/** The fields to send: text trimmed, empty optional fields left out. */
export function fieldsFrom(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.control === 'checkbox') out[field.name] = value === true;
    else if (typeof value === 'string' && value.trim() !== '') out[field.name] = value.trim();
  }
  return out;
}

/** Field names the server named in a validation message, e.g. 「入力内容に誤りがあります（periodTo）。」. */
export function fieldsNamedIn(message: string, fields: readonly FormField[]): string[] {
  return fields.filter((field) => new RegExp(`(^|[^A-Za-z0-9_])${field.name}([^A-Za-z0-9_]|$)`).test(message)).map((f) => f.name);
}
