import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { z } from 'zod';
import { Alert } from '../components/Alert.js';
import { Button } from '../components/Button.js';
import { TextField } from '../components/Field.js';
import { Loading } from '../components/Loading.js';
import { PageTitle } from '../components/PageTitle.js';
import type { MessageKey } from '../i18n/index.js';
import { api, errorMessage } from '../lib/api.js';
import { nextPath } from '../lib/gates.js';
import { useI18n } from '../lib/locale.js';
import { type LoginPageState, type LogoutReason, useSession } from '../lib/session.js';
import type { LoginAnswer } from '../lib/types.js';

const REASON_MESSAGES: Readonly<Record<LogoutReason, MessageKey>> = {
  idle: 'login.reason.idle',
  expired: 'login.reason.expired',
  loggedOut: 'login.reason.loggedOut',
  credentialRevoked: 'login.reason.credentialRevoked',
};

function isLogoutReason(value: unknown): value is LogoutReason {
  return typeof value === 'string' && Object.hasOwn(REASON_MESSAGES, value);
}

function readPageState(value: unknown): LoginPageState {
  if (typeof value !== 'object' || value === null) return {};
  const { reason, from } = value as Record<string, unknown>;
  return {
    reason: isLogoutReason(reason) ? reason : undefined,
    from: typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : undefined,
  };
}

export function LoginPage() {
  const { t, locale } = useI18n();
  const { state, applyLogin } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const pageState = readPageState(location.state);
  const reason = pageState.reason ?? state.logoutReason;
  const [serverError, setServerError] = useState<string | null>(null);

  const schema = useMemo(
    () =>
      z.object({
        loginId: z.string().trim().min(1, t('login.loginIdRequired')),
        password: z.string().min(1, t('login.passwordRequired')),
      }),
    [t],
  );
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(schema), defaultValues: { loginId: '', password: '' } });

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-in') return <Navigate to={nextPath(state.gates)} replace />;

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const answer = await api.post<LoginAnswer>('/api/auth/login', values, { quiet: true });
      navigate(applyLogin(answer, pageState.from ?? '/'), { replace: true });
    } catch (error) {
      setServerError(errorMessage(error, locale));
    }
  });

  return (
    <div className="mx-auto max-w-xl">
      <PageTitle>{t('login.title')}</PageTitle>
      {reason ? (
        <Alert tone={reason === 'loggedOut' ? 'success' : 'info'} className="mb-6">
          {t(REASON_MESSAGES[reason])}
        </Alert>
      ) : null}
      {state.loadError ? <Alert className="mb-6">{state.loadError}</Alert> : null}
      {serverError ? (
        <Alert className="mb-6" title={t('login.failedTitle')}>
          {serverError}
        </Alert>
      ) : null}
      <p className="mb-6 text-std-16N-170">{t('login.lead')}</p>
      <form noValidate onSubmit={onSubmit} className="rounded-16 border border-solid-gray-420 p-6 md:p-8">
        <TextField
          label={t('login.loginId')}
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          required
          error={errors.loginId?.message}
          {...register('loginId')}
        />
        <TextField
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          error={errors.password?.message}
          {...register('password')}
        />
        <Button type="submit" disabled={isSubmitting} className="w-full md:w-auto md:min-w-48">
          {t('login.submit')}
        </Button>
      </form>
      <p className="mt-6 text-std-16N-170 text-solid-gray-800">{t('login.help')}</p>
    </div>
  );
}
