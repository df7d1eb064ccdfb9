import { type FormEvent, useState } from 'react';
import { Alert } from '../../../components/Alert.js';
import { Button } from '../../../components/Button.js';
import { CheckboxField, FieldGroup, SelectField, TextAreaField, TextField } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { api, errorMessage, seg } from '../../../lib/api.js';
import { useI18n } from '../../../lib/locale.js';
import { useApiData } from '../../../lib/use-api-data.js';
import { localText } from '../info-display.js';
import type { ApplicationDetail, CriterionSpec, OutputCheckMode, PendingEffect, PurposeCode } from '../info-types.js';
import { fieldsOf, fieldText } from './effect-kinds.js';
import { PurposeCodesEditor, purposeCodesProblem } from './PurposeCodesEditor.js';
import { CRITERIA_OF_RECORD_SET } from './record-set-criteria.js';

/** Record sets the server knows (src/server/modules/applications/record-sets.ts). */
const RECORD_SETS = ['licence', 'vehicle', 'lost_property'] as const;
const EMPLOYMENT_TYPES = ['regular', 'non_regular', 'contractor'] as const;

interface Settings {
  personalInformation: boolean;
  classification: string;
  maxPeople: string;
  outputCheck: OutputCheckMode;
  recordSet: string;
  purposeCodes: PurposeCode[];
  posts: string;
  unitCodes: string;
  employmentTypes: string[];
  scopes: string;
  particulars: Record<string, string>;
  criteria: CriterionSpec[];
}

const DEFAULTS: Settings = {
  personalInformation: true,
  classification: '3',
  maxPeople: '20',
  outputCheck: 'unit_head',
  recordSet: '',
  purposeCodes: [{ code: 'other', ja: 'その他', en: 'Other', caseNumberRequired: false }],
  posts: '',
  unitCodes: '',
  employmentTypes: ['regular', 'non_regular'],
  scopes: '照会のみ',
  particulars: {},
  criteria: [],
};

/** AIC 第4 (1)–(11): the operating particulars every application states. */
const PARTICULAR_KEYS = [
  'purpose',
  'operatingStructure',
  'datasets',
  'registrationProcedure',
  'queryProcedure',
  'accessCriteria',
  'ioMaterialHandling',
  'queryRecordCheck',
  'outsourcing',
  'manuals',
  'terminals',
] as const;

function list(text: string): string[] {
  return text
    .split(/[,、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function fromApplication(app: ApplicationDetail): Settings {
  const c = app.accessCriteria ?? {};
  return {
    personalInformation: app.personalInformation,
    classification: String(app.classification),
    maxPeople: String(app.maxPeople),
    outputCheck: app.outputCheck,
    recordSet: app.recordSet ?? '',
    purposeCodes: app.purposeCodes ?? [],
    posts: (c.posts ?? []).join(', '),
    unitCodes: (c.unitCodes ?? []).join(', '),
    employmentTypes: c.employmentTypes ?? [],
    scopes: (c.scopes ?? []).join(', '),
    particulars: Object.fromEntries(Object.entries(app.particulars ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : ''])),
    criteria: app.criteria ?? [],
  };
}

/**
 * 様式1/様式2 の効果 (APP-2): a development becomes an active application with the technical
 * settings chosen here; a change becomes a new version; an abolition ends the application and every
 * open use right (POST /api/effects/:id/application).
 */
export function ApplicationEffectForm({ effect, onDone }: { effect: PendingEffect; onDone: (message: string) => void }) {
  const fields = fieldsOf(effect);
  const code = fieldText(fields, 'changedApplicationCode') || fieldText(fields, 'applicationCode');
  const isNew = effect.effect === 'application_development' && !fieldText(fields, 'changedApplicationCode');
  const existing = useApiData<{ application: ApplicationDetail }>(!isNew && code ? `/api/applications/${seg(code)}` : null);
  if (effect.effect === 'application_abolition') return <AbolitionForm effect={effect} onDone={onDone} />;
  if (existing.loading) return <Loading />;
  const initial = existing.data ? fromApplication(existing.data.application) : DEFAULTS;
  return <SettingsForm key={existing.data ? 'loaded' : 'new'} effect={effect} initial={initial} onDone={onDone} />;
}

function AbolitionForm({ effect, onDone }: { effect: PendingEffect; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abolish = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/effects/${seg(effect.id)}/application`);
      onDone(t('info.effect.abolished'));
    } catch (cause) {
      setError(errorMessage(cause, locale));
      setBusy(false);
    }
  };
  return (
    <div>
      <Alert tone="warning" className="mb-4">
        {t('info.effect.abolitionWarning')}
      </Alert>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <Button variant="danger" disabled={busy} onClick={() => void abolish()}>
        {t('info.effect.abolish')}
      </Button>
    </div>
  );
}

function SettingsForm({ effect, initial, onDone }: { effect: PendingEffect; initial: Settings; onDone: (message: string) => void }) {
  const { t, locale } = useI18n();
  const [s, setS] = useState<Settings>(initial);
  const [errors, setErrors] = useState<Partial<Record<'maxPeople' | 'recordSet' | 'purposeCodes' | 'employmentTypes' | 'scopes', string>>>(
    {},
  );
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const set = (patch: Partial<Settings>) => setS((prev) => ({ ...prev, ...patch }));

  // A change keeps the criteria the application has; a new one takes those of its record set.
  const criteria =
    s.criteria.length > 0 && s.recordSet === initial.recordSet ? s.criteria : [...(CRITERIA_OF_RECORD_SET[s.recordSet] ?? [])];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    const max = Number(s.maxPeople);
    if (!Number.isInteger(max) || max < 1 || max > 1000) next.maxPeople = t('info.app.maxPeopleInvalid');
    if (!s.recordSet) next.recordSet = t('info.app.recordSetRequired');
    const problem = purposeCodesProblem(s.purposeCodes);
    if (problem) next.purposeCodes = t(`info.purpose.problem.${problem}`);
    if (s.employmentTypes.length === 0) next.employmentTypes = t('info.criteria.employmentTypesRequired');
    if (list(s.scopes).length === 0) next.scopes = t('info.criteria.scopesRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setServerError(null);
    try {
      await api.post(`/api/effects/${seg(effect.id)}/application`, {
        personalInformation: s.personalInformation,
        classification: Number(s.classification),
        maxPeople: max,
        outputCheck: s.outputCheck,
        recordSet: s.recordSet,
        purposeCodes: s.purposeCodes.map((p) => ({ ...p, code: p.code.trim(), ja: p.ja.trim(), en: p.en.trim() || p.ja.trim() })),
        accessCriteria: { posts: list(s.posts), unitCodes: list(s.unitCodes), employmentTypes: s.employmentTypes, scopes: list(s.scopes) },
        particulars: Object.fromEntries(
          Object.entries(s.particulars)
            .map(([k, v]) => [k, v.trim()] as const)
            .filter(([, v]) => v !== ''),
        ),
        criteria,
      });
      onDone(t('info.effect.applicationRegistered'));
    } catch (cause) {
      setServerError(errorMessage(cause, locale));
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={t('info.effect.settingsForm')}>
      <p className="mb-6 text-std-16N-170">{t('info.effect.settingsLead')}</p>
      <CheckboxField
        label={t('info.app.personalInformation')}
        checked={s.personalInformation}
        onChange={(e) => set({ personalInformation: e.target.checked })}
        className="mb-6"
      />
      <SelectField
        label={t('info.app.classification')}
        value={s.classification}
        onChange={(e) => set({ classification: e.target.value })}
        options={[1, 2, 3].map((level) => ({ value: String(level), label: t('info.app.classificationValue', { level }) }))}
        width="max-w-xs"
      />
      <TextField
        label={t('info.app.maxPeople')}
        inputMode="numeric"
        value={s.maxPeople}
        onChange={(e) => set({ maxPeople: e.target.value })}
        error={errors.maxPeople}
        required
        width="max-w-xs"
      />
      <SelectField
        label={t('info.app.outputCheck')}
        value={s.outputCheck}
        onChange={(e) => set({ outputCheck: e.target.value as OutputCheckMode })}
        options={[
          { value: 'unit_head', label: t('info.app.outputCheck.unit_head') },
          { value: 'pre_delivery', label: t('info.app.outputCheck.pre_delivery') },
        ]}
        width="max-w-md"
      />
      <SelectField
        label={t('info.app.recordSet')}
        value={s.recordSet}
        onChange={(e) => set({ recordSet: e.target.value })}
        options={RECORD_SETS.map((code) => ({ value: code, label: t(`info.recordSet.${code}`) }))}
        placeholder={t('info.select')}
        error={errors.recordSet}
        required
        width="max-w-md"
      />
      <PurposeCodesEditor value={s.purposeCodes} onChange={(purposeCodes) => set({ purposeCodes })} error={errors.purposeCodes} />
      <FieldGroup legend={t('info.app.accessCriteria')} hint={t('info.criteria.hint')}>
        <TextField label={t('info.criteria.posts')} value={s.posts} onChange={(e) => set({ posts: e.target.value })} />
        <TextField label={t('info.criteria.unitCodes')} value={s.unitCodes} onChange={(e) => set({ unitCodes: e.target.value })} />
        <FieldGroup legend={t('info.criteria.employmentTypes')} error={errors.employmentTypes}>
          {EMPLOYMENT_TYPES.map((type) => (
            <CheckboxField
              key={type}
              label={t(`info.employment.${type}`)}
              checked={s.employmentTypes.includes(type)}
              onChange={(e) =>
                set({
                  employmentTypes: e.target.checked ? [...s.employmentTypes, type] : s.employmentTypes.filter((x) => x !== type),
                })
              }
            />
          ))}
        </FieldGroup>
        <TextField
          label={t('info.criteria.scopes')}
          value={s.scopes}
          onChange={(e) => set({ scopes: e.target.value })}
          error={errors.scopes}
          required
        />
      </FieldGroup>
      {criteria.length > 0 ? (
        <div className="mb-6">
          <p className="text-std-17B-170">{t('info.app.criteria')}</p>
          <p className="mt-1 text-std-16N-170 text-solid-gray-700">{t('info.app.criteriaHint')}</p>
          <ul className="mt-2 list-disc pl-6">
            {criteria.map((c) => (
              <li key={c.name}>
                {localText(c.label, locale)} <span className="font-mono text-solid-gray-700">{c.name}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FieldGroup legend={t('info.app.particulars')} hint={t('info.app.particularsHint')}>
        {PARTICULAR_KEYS.map((key) => (
          <TextAreaField
            key={key}
            label={t(`info.app.p.${key}`)}
            value={s.particulars[key] ?? ''}
            onChange={(e) => set({ particulars: { ...s.particulars, [key]: e.target.value } })}
            maxLength={2000}
          />
        ))}
      </FieldGroup>
      {serverError ? <Alert className="mb-4">{serverError}</Alert> : null}
      <Button type="submit" disabled={busy}>
        {t('info.effect.registerApplication')}
      </Button>
    </form>
  );
}
