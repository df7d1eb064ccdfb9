import { type FormEvent, useState } from 'react';
import { Button } from '../../components/Button.js';
import { SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { useI18n } from '../../lib/locale.js';
import type { ApplicationSummary } from './types.js';

export interface InquiryRequest {
  applicationCode: string;
  purpose: { code: string; text: string; caseNumber?: string };
  criteria: Record<string, string>;
}

type Errors = Partial<Record<'application' | 'purposeCode' | 'purposeText' | 'caseNumber', string>>;

/**
 * The 照会 form, generated from the chosen application's purpose codes and criteria
 * (GET /api/applications). Applications I hold a right for are marked; the others stay selectable so
 * that a refusal (no_use_right, APP-7) is seen and recorded rather than hidden.
 */
export function InquiryForm({
  applications,
  rightCodes,
  busy,
  onSubmit,
}: {
  applications: readonly ApplicationSummary[];
  rightCodes: ReadonlySet<string>;
  busy: boolean;
  onSubmit: (request: InquiryRequest) => void;
}) {
  const { t, locale } = useI18n();
  const [applicationCode, setApplicationCode] = useState('');
  const [purposeCode, setPurposeCode] = useState('');
  const [purposeText, setPurposeText] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [criteria, setCriteria] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Errors>({});

  const application = applications.find((a) => a.code === applicationCode) ?? null;
  const purpose = application?.purposeCodes.find((p) => p.code === purposeCode) ?? null;
  const caseRequired = purpose?.caseNumberRequired ?? false;

  const chooseApplication = (code: string) => {
    setApplicationCode(code);
    setPurposeCode('');
    setCriteria({});
    setErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // APP-8: the purpose (and a case number where the purpose needs one) is mandatory; the server checks again.
    const next: Errors = {};
    if (!application) next.application = t('inq.error.application');
    if (!purposeCode) next.purposeCode = t('inq.error.purposeCode');
    if (!purposeText.trim()) next.purposeText = t('inq.error.purposeText');
    if (caseRequired && !caseNumber.trim()) next.caseNumber = t('inq.error.caseNumber');
    setErrors(next);
    if (Object.keys(next).length > 0 || !application) return;
    const filled = Object.fromEntries(
      application.criteria.map((c) => [c.name, (criteria[c.name] ?? '').trim()] as const).filter(([, value]) => value !== ''),
    );
    onSubmit({
      applicationCode: application.code,
      purpose: { code: purposeCode, text: purposeText.trim(), ...(caseNumber.trim() ? { caseNumber: caseNumber.trim() } : {}) },
      criteria: filled,
    });
  };

  const applicationOptions = applications
    .filter((a) => a.state === 'active')
    .map((a) => ({
      value: a.code,
      label: rightCodes.has(a.code)
        ? t('inq.app.withRight', { name: a.name, code: a.code })
        : t('inq.app.noRight', { name: a.name, code: a.code }),
    }));

  return (
    <form noValidate onSubmit={submit} aria-label={t('inq.form.label')} className="mb-10">
      <SelectField
        label={t('inq.form.application')}
        hint={t('inq.form.applicationHint')}
        required
        value={applicationCode}
        onChange={(e) => chooseApplication(e.target.value)}
        options={applicationOptions}
        placeholder={t('common.pleaseSelect')}
        error={errors.application}
      />
      {application ? (
        <>
          <fieldset className="mb-6 rounded-8 border border-solid-gray-420 p-4">
            <legend className="px-1 text-std-17B-170">{t('inq.form.purpose')}</legend>
            <SelectField
              label={t('inq.form.purposeCode')}
              required
              value={purposeCode}
              onChange={(e) => setPurposeCode(e.target.value)}
              options={application.purposeCodes.map((p) => ({
                value: p.code,
                label: `${locale === 'ja' ? p.ja : p.en}${p.caseNumberRequired ? t('inq.form.caseMarker') : ''}`,
              }))}
              placeholder={t('common.pleaseSelect')}
              error={errors.purposeCode}
            />
            <TextAreaField
              label={t('inq.form.purposeText')}
              hint={t('inq.form.purposeTextHint')}
              required
              maxLength={500}
              value={purposeText}
              onChange={(e) => setPurposeText(e.target.value)}
              error={errors.purposeText}
            />
            {caseRequired ? (
              <TextField
                label={t('inq.form.caseNumber')}
                required
                width="max-w-sm"
                maxLength={60}
                value={caseNumber}
                onChange={(e) => setCaseNumber(e.target.value)}
                error={errors.caseNumber}
              />
            ) : null}
          </fieldset>
          <fieldset className="mb-6 rounded-8 border border-solid-gray-420 p-4">
            <legend className="px-1 text-std-17B-170">{t('inq.form.criteria')}</legend>
            <p className="mb-4 text-std-16N-170 text-solid-gray-700">{t('inq.form.criteriaHint')}</p>
            {application.criteria.map((c) => (
              <TextField
                key={c.name}
                label={locale === 'ja' ? c.label.ja : c.label.en}
                type={c.kind === 'date' ? 'date' : 'text'}
                width={c.kind === 'date' ? 'max-w-xs' : 'max-w-md'}
                autoComplete="off"
                maxLength={100}
                value={criteria[c.name] ?? ''}
                onChange={(e) => setCriteria((prev) => ({ ...prev, [c.name]: e.target.value }))}
              />
            ))}
          </fieldset>
        </>
      ) : null}
      <Button type="submit" disabled={busy}>
        {busy ? t('inq.form.running') : t('inq.form.submit')}
      </Button>
    </form>
  );
}
