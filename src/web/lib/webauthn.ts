import {
  type AuthenticationResponseJSON,
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';
import type { MessageKey } from '../i18n/index.js';
import { api, isApiError } from './api.js';
import type { LoginAnswer } from './types.js';

export { browserSupportsWebAuthn };

/** The browser refused or the person cancelled: said in words instead of the browser's error text. */
export class SecurityKeyError extends Error {
  readonly key: MessageKey;

  constructor(key: MessageKey) {
    super(key);
    this.name = 'SecurityKeyError';
    this.key = key;
  }
}

function browserFailure(cause: unknown): SecurityKeyError {
  if (cause instanceof WebAuthnError && cause.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return new SecurityKeyError('securityKey.alreadyRegistered');
  }
  if (cause instanceof Error && (cause.name === 'NotAllowedError' || cause.name === 'AbortError')) {
    return new SecurityKeyError('securityKey.cancelled');
  }
  return new SecurityKeyError('securityKey.failed');
}

/** Second factor at login: POST options → the key signs → POST the answer. */
export async function authenticateWithSecurityKey(): Promise<LoginAnswer> {
  const optionsJSON = await api.post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/mfa/webauthn/options');
  let response: AuthenticationResponseJSON;
  try {
    response = await startAuthentication({ optionsJSON });
  } catch (cause) {
    if (isApiError(cause)) throw cause;
    throw browserFailure(cause);
  }
  return api.post<LoginAnswer>('/api/auth/mfa/webauthn', { response });
}

/** Registers a new security key for the logged-in person. */
export async function registerSecurityKey(label: string): Promise<void> {
  const optionsJSON = await api.post<PublicKeyCredentialCreationOptionsJSON>('/api/me/mfa/webauthn/registration-options');
  let response: RegistrationResponseJSON;
  try {
    response = await startRegistration({ optionsJSON });
  } catch (cause) {
    throw browserFailure(cause);
  }
  await api.post('/api/me/mfa/webauthn/registration', { response, label });
}
