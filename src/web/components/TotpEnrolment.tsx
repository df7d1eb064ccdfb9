import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, errorMessage } from '../lib/api.js';
import { useI18n } from '../lib/locale.js';
import type { TotpSetup } from '../lib/types.js';
import { Alert } from './Alert.js';
import { Button } from './Button.js';
import { TextField } from './Field.js';

/** The server's QR code (an SVG made by the qrcode library) as an image: never put into the DOM as markup. */
function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Authenticator app enrolment: start → scan the QR code (or type the key) → confirm with a code. */
export function TotpEnrolment({ onEnrolled }: { onEnrolled: () => void }) {
  const { t, locale } = useI18n();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

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
    reset,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(schema), defaultValues: { code: '' } });

  const start = async () => {
    setError(null);
    setStarting(true);
    try {
      setSetup(await api.post<TotpSetup>('/api/me/mfa/totp/setup'));
      reset();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    } finally {
      setStarting(false);
    }
  };

  const confirm = handleSubmit(async ({ code }) => {
    setError(null);
    try {
      await api.post('/api/me/mfa/totp/confirm', { code });
      setSetup(null);
      onEnrolled();
    } catch (cause) {
      setError(errorMessage(cause, locale));
    }
  });

  return (
    <div>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      {setup ? (
        <form noValidate onSubmit={confirm}>
          <ol className="mb-6 list-decimal space-y-4 pl-6 text-std-16N-170">
            <li>
              <p>{t('totp.stepScan')}</p>
              <img
                src={svgDataUrl(setup.qrSvg)}
                alt={t('totp.qrAlt')}
                width={200}
                height={200}
                className="mt-2 border border-solid-gray-420 bg-white p-2"
              />
              <p className="mt-2">{t('totp.manualKey')}</p>
              <code className="mt-1 inline-block rounded-4 border border-solid-gray-600 bg-solid-gray-50 px-3 py-1 font-mono text-mono-16B-150 break-all select-all">
                {setup.secret}
              </code>
            </li>
            <li>{t('totp.stepCode')}</li>
          </ol>
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
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={isSubmitting}>
              {t('totp.confirm')}
            </Button>
            <Button variant="secondary" onClick={() => setSetup(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <Button onClick={() => void start()} disabled={starting}>
          {t('totp.start')}
        </Button>
      )}
    </div>
  );
}
