import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { Alert } from '../components/Alert.js';
import { Button } from '../components/Button.js';
import { TextField } from '../components/Field.js';
import { PageTitle } from '../components/PageTitle.js';
import { api, errorMessage } from '../lib/api.js';
import type { FlashState } from '../lib/flash.js';
import { nextPath } from '../lib/gates.js';
import { useI18n } from '../lib/locale.js';
import { useSession } from '../lib/session.js';
import type { PasswordPolicy } from '../lib/types.js';
import { useApiData } from '../lib/use-api-data.js';

const FALLBACK_MIN_LENGTH = 12;

/** Forced change of a temporary password, or a voluntary change (ID-3, ID-4). */
export function PasswordPage() {
  const { t, locale } = useI18n();
  const { state, refresh } = useSession();
  const navigate = useNavigate();
  const policy = useApiData<PasswordPolicy>('/api/auth/password-policy');
  const minLength = policy.data?.minLength ?? FALLBACK_MIN_LENGTH;
  const forced = state.gates.passwordChangeRequired;
  const [serverError, setServerError] = useState<string | null>(null);

  const schema = useMemo(
    () =>
      z
        .object({
          currentPassword: z.string().min(1, t('password.currentRequired')),
          newPassword: z.string().min(minLength, t('password.tooShort', { min: minLength })),
          confirmPassword: z.string().min(1, t('password.confirmRequired')),
        })
        .refine((v) => v.newPassword === v.confirmPassword, {
          path: ['confirmPassword'],
          message: t('password.mismatch'),
        }),
    [t, minLength],
  );
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setServerError(null);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
    } catch (error) {
      setServerError(errorMessage(error, locale));
      return;
    }
    reset();
    const next = await refresh().catch(() => state);
    const flash: FlashState = { flash: 'password.changed' };
    navigate(nextPath(next.gates, '/'), { replace: true, state: flash });
  });

  return (
    <div className="max-w-2xl">
      <PageTitle>{t('password.title')}</PageTitle>
      {forced ? (
        <Alert tone="warning" className="mb-6" title={t('password.forcedTitle')}>
          {t('password.forcedBody')}
        </Alert>
      ) : null}
      {serverError ? (
        <Alert className="mb-6" title={t('password.failedTitle')}>
          {serverError}
        </Alert>
      ) : null}
      <form noValidate onSubmit={onSubmit}>
        <TextField
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword?.message}
          {...register('currentPassword')}
        />
        <TextField
          label={t('password.new')}
          type="password"
          autoComplete="new-password"
          required
          hint={t('password.rules', { min: minLength, history: policy.data?.historyDepth ?? 5 })}
          error={errors.newPassword?.message}
          {...register('newPassword')}
        />
        <TextField
          label={t('password.confirm')}
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword?.message}
          {...register('confirmPassword')}
        />
        <Button type="submit" disabled={isSubmitting}>
          {t('password.submit')}
        </Button>
      </form>
    </div>
  );
}
