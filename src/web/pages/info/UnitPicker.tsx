import { type FormEvent, useState } from 'react';
import { Button } from '../../components/Button.js';
import { SelectField, TextField } from '../../components/Field.js';
import { useI18n } from '../../lib/locale.js';

/**
 * Chooses the unit a page shows: one of the units the person manages (a list), or any unit code for
 * those who oversee every unit. The server checks the choice either way.
 */
export function UnitPicker({
  value,
  choices,
  anyUnit,
  onChange,
}: {
  value: string;
  choices: readonly string[];
  anyUnit: boolean;
  onChange: (unit: string) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  if (!anyUnit) {
    return (
      <SelectField
        label={t('info.unit')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        options={choices.map((code) => ({ value: code, label: code }))}
        width="max-w-xs"
      />
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft.trim());
  };
  return (
    <form noValidate onSubmit={submit} className="mb-6 flex flex-wrap items-end gap-4" aria-label={t('info.unitForm')}>
      <TextField
        label={t('info.unitCode')}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        hint={t('info.unitCodeHint')}
        className="mb-0"
        width="max-w-xs"
        autoComplete="off"
      />
      <Button type="submit" variant="secondary">
        {t('info.show')}
      </Button>
    </form>
  );
}
