import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Navigate, useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { Alert } from '../components/Alert.js';
import { Button } from '../components/Button.js';
import { TextField } from '../components/Field.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import { api, errorMessage } from '../lib/api.js';
import { nextPath } from '../lib/gates.js';
import { useI18n } from '../lib/locale.js';
import { useSession } from '../lib/session.js';
import type { LoginAnswer } from '../lib/types.js';
import { authenticateWithSecurityKey, browserSupportsWebAuthn, SecurityKeyError } from '../lib/webauthn.js';

/** Second factor after the password: a code from the authenticator app, or a security key. */
export function MfaVerifyPage() {
  const { t, locale } = useI18n();
  const { state, applyLogin, logout } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [keyBusy, setKeyBusy] = useState(false);

  const schema = useMemo(
    () =>
      z.object({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, t('mfa.codeFormat')),
      }),
    [t],
  );
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(schema), defaultValues: { code: '' } });

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace />;
  if (!state.gates.mfaRequired) return <Navigate to={nextPath(state.gates)} replace />;

  // After a reload the methods are not known: offer both.
  const methods = state.mfaMethods.length > 0 ? state.mfaMethods : (['totp', 'webauthn'] as const);
  const offerTotp = methods.includes('totp');
  const offerKey = methods.includes('webauthn') && browserSupportsWebAuthn();

  const finish = (answer: LoginAnswer) => navigate(applyLogin(answer), { replace: true });

  const onSubmit = handleSubmit(async ({ code }) => {
    setError(null);
    try {
      finish(await api.post<LoginAnswer>('/api/auth/mfa/totp', { code }, { quiet: true }));
    } catch (cause) {
      setError(errorMessage(cause, locale));
    }
  });

  const signInWithKey = async () => {
    setError(null);
    setKeyBusy(true);
    try {
      finish(await authenticateWithSecurityKey());
    } catch (cause) {
      setError(cause instanceof SecurityKeyError ? t(cause.key) : errorMessage(cause, locale));
    } finally {
      setKeyBusy(false);
    }
  };

  return (
    <div className="mx-auto max-w-xl">
      <PageTitle>{t('mfa.verifyTitle')}</PageTitle>
      <p className="mb-6 text-std-16N-170">{t('mfa.verifyLead')}</p>
      {error ? <Alert className="mb-6">{error}</Alert> : null}
      {offerTotp ? (
        <form noValidate onSubmit={onSubmit} className="mb-8 rounded-16 border border-solid-gray-420 p-6">
          <h2 className="mb-4 text-std-20B-150">{t('mfa.totpHeading')}</h2>
          <TextField
            label={t('mfa.code')}
            hint={t('mfa.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            width="max-w-48"
            required
            error={errors.code?.message}
            {...register('code')}
          />
          <Button type="submit" disabled={isSubmitting}>
            {t('mfa.verify')}
          </Button>
        </form>
      ) : null}
      {offerKey ? (
        <div className="mb-8 rounded-16 border border-solid-gray-420 p-6">
          <h2 className="mb-4 text-std-20B-150">{t('mfa.keyHeading')}</h2>
          <p className="mb-4 text-std-16N-170">{t('mfa.keyLead')}</p>
          <Button variant="secondary" onClick={() => void signInWithKey()} disabled={keyBusy}>
            {t('mfa.useSecurityKey')}
          </Button>
        </div>
      ) : null}
      <Button variant="tertiary" onClick={() => void logout('loggedOut')}>
        {t('mfa.backToLogin')}
      </Button>
    </div>
  );
}
