import { type FormEvent, useState } from 'react';
import { Button } from '../../components/Button.js';
import { SelectField } from '../../components/Field.js';
import { useI18n } from '../../lib/locale.js';
import { requestStateKey, typeTitle } from '../../lib/request-labels.js';
import { REQUEST_STATES, type RequestTypeInfo } from '../../lib/request-types.js';

export interface RequestFilterValues {
  type: string;
  state: string;
}

/** 種別 and 状態 of a request list. */
export function RequestFilters({
  initial,
  types,
  onApply,
}: {
  initial: RequestFilterValues;
  types: readonly RequestTypeInfo[];
  onApply: (values: RequestFilterValues) => void;
}) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState(initial);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    const empty = { type: '', state: '' };
    setDraft(empty);
    onApply(empty);
  };

  return (
    <search className="mb-6 block rounded-8 border border-solid-gray-420 bg-solid-gray-50 p-4">
      <h2 className="mb-4 text-std-20B-150">{t('req.filters')}</h2>
      <form noValidate onSubmit={submit}>
        <div className="grid gap-x-6 md:grid-cols-2">
          <SelectField
            label={t('req.filterType')}
            placeholder={t('req.allTypes')}
            options={types.map((type) => ({ value: type.code, label: typeTitle(type, locale) }))}
            value={draft.type}
            onChange={(event) => setDraft((d) => ({ ...d, type: event.target.value }))}
            width="w-full"
          />
          <SelectField
            label={t('req.filterState')}
            placeholder={t('req.allStates')}
            options={REQUEST_STATES.map((state) => {
              const key = requestStateKey(state);
              return { value: state, label: key ? t(key) : state };
            })}
            value={draft.state}
            onChange={(event) => setDraft((d) => ({ ...d, state: event.target.value }))}
            width="w-full"
          />
        </div>
        <div className="flex flex-wrap gap-4">
          <Button type="submit">{t('req.applyFilters')}</Button>
          <Button variant="tertiary" onClick={clear}>
            {t('req.clearFilters')}
          </Button>
        </div>
      </form>
    </search>
  );
}
