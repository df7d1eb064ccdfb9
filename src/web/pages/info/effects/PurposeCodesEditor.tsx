import { Button } from '../../../components/Button.js';
import { CheckboxField, TextField } from '../../../components/Field.js';
import { useI18n } from '../../../lib/locale.js';
import type { PurposeCode } from '../info-types.js';

/** A purpose code is a short ASCII key; the inquiry form and the access records use it. */
export const PURPOSE_CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** 照会目的コードの編集 (APP-7): each purpose the application may be queried for, and whether it needs a case number. */
export function PurposeCodesEditor({
  value,
  onChange,
  error,
}: {
  value: readonly PurposeCode[];
  onChange: (next: PurposeCode[]) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const update = (index: number, patch: Partial<PurposeCode>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="mb-6">
      <legend className="text-std-17B-170">{t('info.app.purposeCodes')}</legend>
      <p className="mt-1 mb-4 text-std-16N-170 text-solid-gray-700">{t('info.purpose.hint')}</p>
      {error ? (
        <p role="alert" className="mb-4 text-std-16B-170 text-error-2">
          {error}
        </p>
      ) : null}
      <ol className="space-y-4">
        {value.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until their code is typed.
          <li key={index} className="rounded-8 border border-solid-gray-420 p-4">
            <div className="grid gap-x-4 md:grid-cols-3">
              <TextField
                label={t('info.purpose.codeN', { n: index + 1 })}
                value={row.code}
                onChange={(e) => update(index, { code: e.target.value })}
                error={row.code !== '' && !PURPOSE_CODE_PATTERN.test(row.code) ? t('info.purpose.codeInvalid') : undefined}
                className="mb-2"
              />
              <TextField
                label={t('info.purpose.jaN', { n: index + 1 })}
                value={row.ja}
                onChange={(e) => update(index, { ja: e.target.value })}
                className="mb-2"
              />
              <TextField
                label={t('info.purpose.enN', { n: index + 1 })}
                value={row.en}
                onChange={(e) => update(index, { en: e.target.value })}
                className="mb-2"
              />
            </div>
            <div className="flex flex-wrap items-center justify-between gap-4">
              <CheckboxField
                label={t('info.purpose.caseNumberRequiredN', { n: index + 1 })}
                checked={row.caseNumberRequired}
                onChange={(e) => update(index, { caseNumberRequired: e.target.checked })}
              />
              <Button variant="tertiary" size="sm" onClick={() => onChange(value.filter((_, i) => i !== index))}>
                {t('info.purpose.removeN', { n: index + 1 })}
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <Button
        variant="secondary"
        size="sm"
        className="mt-4"
        onClick={() => onChange([...value, { code: '', ja: '', en: '', caseNumberRequired: false }])}
      >
        {t('info.purpose.add')}
      </Button>
    </fieldset>
  );
}

/** Why the list cannot be saved, or null. */
export function purposeCodesProblem(rows: readonly PurposeCode[]): 'empty' | 'invalid' | 'duplicate' | null {
  if (rows.length === 0) return 'empty';
  if (rows.some((r) => !PURPOSE_CODE_PATTERN.test(r.code) || r.ja.trim() === '')) return 'invalid';
  if (new Set(rows.map((r) => r.code)).size !== rows.length) return 'duplicate';
  return null;
}
