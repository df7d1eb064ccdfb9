import { type FormEvent, useState } from 'react';
import { errorMessage } from '../lib/api.js';
import { useI18n } from '../lib/locale.js';
import { browserSupportsWebAuthn, registerSecurityKey, SecurityKeyError } from '../lib/webauthn.js';
import { Alert } from './Alert.js';
import { Button } from './Button.js';
import { TextField } from './Field.js';

/** Name a security key and register it (WebAuthn). */
export function SecurityKeyRegistration({ onRegistered }: { onRegistered: () => void }) {
  const { t, locale } = useI18n();
  const [label, setLabel] = useState('');
  const [labelError, setLabelError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!browserSupportsWebAuthn()) {
    return <Alert tone="info">{t('securityKey.unsupported')}</Alert>;
  }

  const register = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    const name = label.trim();
    if (name === '' || name.length > 64) {
      setLabelError(t('securityKey.labelRequired'));
      return;
    }
    setLabelError(undefined);
    setBusy(true);
    try {
      await registerSecurityKey(name);
      setLabel('');
      setDone(true);
      onRegistered();
    } catch (cause) {
      setError(cause instanceof SecurityKeyError ? t(cause.key) : errorMessage(cause, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void register(event)}>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      {done ? (
        <Alert tone="success" className="mb-4">
          {t('securityKey.registered')}
        </Alert>
      ) : null}
      <TextField
        label={t('securityKey.label')}
        hint={t('securityKey.labelHint')}
        value={label}
        maxLength={64}
        onChange={(event) => setLabel(event.target.value)}
        required
        error={labelError}
        width="max-w-md"
      />
      <Button type="submit" variant="secondary" disabled={busy}>
        {t('securityKey.register')}
      </Button>
    </form>
  );
}
