import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { CheckboxField, FieldGroup, TextAreaField, TextField } from '../../components/Field.js';
import { Loading } from '../../components/Loading.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Section } from '../../components/Section.js';
import { api, errorMessage } from '../../lib/api.js';
import { useI18n } from '../../lib/locale.js';
import { useSession } from '../../lib/session.js';
import type { Settings } from '../../lib/types.js';
import { useApiData } from '../../lib/use-api-data.js';
import { useVocabulary } from '../../lib/vocabulary.js';

const ORGANIZATION_TYPES = ['police', 'local_government'] as const;
const UNIT_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Organisation-wide settings (PATCH /api/admin/settings). */
export function SettingsPage() {
  const { t, locale } = useI18n();
  const { vocabulary, reload: reloadVocabulary } = useVocabulary();
  const { refresh } = useSession();
  const settings = useApiData<Settings>('/api/admin/settings');
  const [serverError, setServerError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const schema = useMemo(() => {
    const whole = (min: number, max: number) =>
      z
        .number(t('validation.number'))
        .int(t('validation.integer'))
        .min(min, t('validation.range', { min, max }))
        .max(max, t('validation.range', { min, max }));
    return z.object({
      organizationType: z.enum(ORGANIZATION_TYPES, t('validation.select')),
      organizationName: z
        .string()
        .trim()
        .min(1, t('validation.required'))
        .max(100, t('validation.max', { max: 100 })),
      idleTimeoutMinutes: whole(1, 240),
      privilegedSessionMaxMinutes: whole(5, 480),
      sessionMaxHours: whole(1, 24),
      passwordMaxAgeDays: whole(0, 3650),
      privilegedPasswordMaxAgeDays: whole(0, 3650),
      mfaRequiredRoles: z.array(z.string()),
      mfaRequiredUnitCodes: z
        .string()
        .refine((text) => splitCodes(text).every((code) => UNIT_CODE.test(code)), t('settings.unitCodesFormat')),
    });
  }, [t]);

  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(schema) });

  useEffect(() => {
    if (settings.data) reset({ ...settings.data, mfaRequiredUnitCodes: settings.data.mfaRequiredUnitCodes.join('\n') });
  }, [settings.data, reset]);

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    setSaved(false);
    try {
      const next = await api.patch<Settings>('/api/admin/settings', {
        ...values,
        mfaRequiredUnitCodes: splitCodes(values.mfaRequiredUnitCodes),
      });
      reset({ ...next, mfaRequiredUnitCodes: next.mfaRequiredUnitCodes.join('\n') });
      setSaved(true);
      reloadVocabulary().catch(() => undefined);
      refresh().catch(() => undefined);
    } catch (error) {
      setServerError(errorMessage(error, locale));
    }
  });

  if (settings.loading && !settings.data) return <Loading />;
  if (!settings.data) {
    return (
      <>
        <PageTitle>{t('admin.settings')}</PageTitle>
        <Alert>{settings.error ?? t('error.generic')}</Alert>
      </>
    );
  }

  const number = { valueAsNumber: true } as const;
  return (
    <div className="max-w-3xl">
      <PageTitle>{t('admin.settings')}</PageTitle>
      {saved ? (
        <Alert tone="success" className="mb-6">
          {t('settings.saved')}
        </Alert>
      ) : null}
      {serverError ? <Alert className="mb-6">{serverError}</Alert> : null}
      <form noValidate onSubmit={onSubmit}>
        <Section title={t('settings.organization')}>
          <FieldGroup legend={t('settings.organizationType')} error={errors.organizationType?.message}>
            {ORGANIZATION_TYPES.map((type) => (
              <CheckboxField key={type} type="radio" value={type} label={t(`organizationType.${type}`)} {...register('organizationType')} />
            ))}
          </FieldGroup>
          <TextField
            label={t('settings.organizationName')}
            required
            autoComplete="organization"
            error={errors.organizationName?.message}
            {...register('organizationName')}
          />
        </Section>
        <Section title={t('settings.sessions')}>
          <TextField
            label={t('settings.idleTimeoutMinutes')}
            hint={t('settings.rangeHint', { min: 1, max: 240 })}
            type="number"
            inputMode="numeric"
            required
            width="max-w-40"
            error={errors.idleTimeoutMinutes?.message}
            {...register('idleTimeoutMinutes', number)}
          />
          <TextField
            label={t('settings.privilegedSessionMaxMinutes')}
            hint={t('settings.rangeHint', { min: 5, max: 480 })}
            type="number"
            inputMode="numeric"
            required
            width="max-w-40"
            error={errors.privilegedSessionMaxMinutes?.message}
            {...register('privilegedSessionMaxMinutes', number)}
          />
          <TextField
            label={t('settings.sessionMaxHours')}
            hint={t('settings.rangeHint', { min: 1, max: 24 })}
            type="number"
            inputMode="numeric"
            required
            width="max-w-40"
            error={errors.sessionMaxHours?.message}
            {...register('sessionMaxHours', number)}
          />
        </Section>
        <Section title={t('settings.passwords')}>
          <TextField
            label={t('settings.passwordMaxAgeDays')}
            hint={t('settings.passwordMaxAgeHint')}
            type="number"
            inputMode="numeric"
            required
            width="max-w-40"
            error={errors.passwordMaxAgeDays?.message}
            {...register('passwordMaxAgeDays', number)}
          />
          <TextField
            label={t('settings.privilegedPasswordMaxAgeDays')}
            hint={t('settings.passwordMaxAgeHint')}
            type="number"
            inputMode="numeric"
            required
            width="max-w-40"
            error={errors.privilegedPasswordMaxAgeDays?.message}
            {...register('privilegedPasswordMaxAgeDays', number)}
          />
        </Section>
        <Section title={t('settings.mfa')}>
          <FieldGroup legend={t('settings.mfaRequiredRoles')} hint={t('settings.mfaRequiredRolesHint')}>
            {(vocabulary?.roles ?? []).map((role) => (
              <CheckboxField key={role.code} value={role.code} label={role.label[locale]} {...register('mfaRequiredRoles')} />
            ))}
          </FieldGroup>
          <TextAreaField
            label={t('settings.mfaRequiredUnitCodes')}
            hint={t('settings.mfaRequiredUnitCodesHint')}
            spellCheck={false}
            error={errors.mfaRequiredUnitCodes?.message}
            {...register('mfaRequiredUnitCodes')}
          />
        </Section>
        <Button type="submit" disabled={isSubmitting}>
          {t('settings.save')}
        </Button>
      </form>
    </div>
  );
}

function splitCodes(text: string): string[] {
  return text
    .split(/[\s,、]+/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
}
