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
