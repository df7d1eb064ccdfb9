import type { UserActor } from './actor.js';
import type { AccountState } from './session-service.js';

export function presentUser(actor: UserActor) {
  return {
    id: actor.userId,
    loginId: actor.loginId,
    name: actor.name,
    locale: actor.locale,
    unit: actor.unit ? { code: actor.unit.code, name: actor.unit.name } : null,
    roles: actor.roles,
    posts: actor.posts,
    privileged: actor.privileged,
  };
}

export function presentGates(state: AccountState) {
  return {
    passwordChangeRequired: state.passwordChangeRequired,
    mfaEnrollmentRequired: state.mfaEnrollmentRequired,
    noticeAcknowledgementRequired: state.noticeAcknowledgementRequired,
  };
}

/** Which second factors the person can use at login. */
export function mfaMethodsOf(state: AccountState): ('totp' | 'webauthn')[] {
  const methods: ('totp' | 'webauthn')[] = [];
  if (state.mfaEnrolled.totp) methods.push('totp');
  if (state.mfaEnrolled.webauthn > 0) methods.push('webauthn');
  return methods;
}
