import type { Locale, MessageKey } from '../i18n/index.js';
import type { EmploymentType, UnitKind, UserStatus, Vocabulary } from './types.js';

/** Words for the codes the API answers with. */

export function unitKindKey(kind: UnitKind): MessageKey {
  return `unitKind.${kind}`;
}

export function employmentTypeKey(type: EmploymentType): MessageKey {
  return `employmentType.${type}`;
}

export function userStatusKey(status: UserStatus): MessageKey {
  return `userStatus.${status}`;
}

const AUTH_ACTIONS: Readonly<Record<string, MessageKey>> = {
  'auth.login': 'authAction.login',
  'auth.logout': 'authAction.logout',
  'auth.lockout': 'authAction.lockout',
  'auth.password.change': 'authAction.passwordChange',
  'auth.mfa.enrol': 'authAction.mfaEnrol',
  'auth.mfa.verify': 'authAction.mfaVerify',
  'auth.mfa.remove': 'authAction.mfaRemove',
  'auth.mfa.revoke': 'authAction.mfaRevoke',
  'auth.session.end': 'authAction.sessionEnd',
  'auth.notice.acknowledge': 'authAction.noticeAcknowledge',
};

/** Every action the audit log is known to hold (AUTH_ACTIONS included); others are shown as their code. */
const AUDIT_ACTIONS: Readonly<Record<string, MessageKey>> = {
  ...AUTH_ACTIONS,
  'admin.unit.create': 'auditAction.adminUnitCreate',
  'admin.unit.update': 'auditAction.adminUnitUpdate',
  'admin.user.create': 'auditAction.adminUserCreate',
  'admin.user.roles': 'auditAction.adminUserRoles',
  'admin.user.post.add': 'auditAction.adminUserPostAdd',
  'admin.user.post.end': 'auditAction.adminUserPostEnd',
  'admin.user.transfer': 'auditAction.adminUserTransfer',
  'admin.user.retire': 'auditAction.adminUserRetire',
  'admin.user.password.reset': 'auditAction.adminUserPasswordReset',
  'admin.user.unlock': 'auditAction.adminUserUnlock',
  'admin.user.disable': 'auditAction.adminUserDisable',
  'admin.user.enable': 'auditAction.adminUserEnable',
  'admin.session.end': 'auditAction.adminSessionEnd',
  'admin.settings.update': 'auditAction.adminSettingsUpdate',
  'authz.denied': 'auditAction.authzDenied',
  'http.csrf_rejected': 'auditAction.csrfRejected',
  'audit.search': 'auditAction.auditSearch',
  'audit.view': 'auditAction.auditView',
  'audit.export': 'auditAction.auditExport',
};

/** Action codes offered as suggestions in the audit search (prefixes first). */
export const AUDIT_ACTION_SUGGESTIONS: readonly string[] = ['auth.', 'admin.', 'audit.', 'authz.', ...Object.keys(AUDIT_ACTIONS)];

const OUTCOMES: Readonly<Record<string, MessageKey>> = {
  success: 'outcome.success',
  failure: 'outcome.failure',
  denied: 'outcome.denied',
};

const REASONS: Readonly<Record<string, MessageKey>> = {
  unknown_id: 'reason.unknownId',
  bad_password: 'reason.badPassword',
  disabled: 'reason.disabled',
  retired: 'reason.retired',
  locked: 'reason.locked',
  bad_code: 'reason.badCode',
  verification_failed: 'reason.verificationFailed',
  weak_password: 'reason.weakPassword',
  temporary: 'reason.temporaryLock',
  privileged_until_admin_unlock: 'reason.adminUnlock',
  idle_timeout: 'reason.idleTimeout',
  absolute_timeout: 'reason.absoluteTimeout',
  transferred: 'reason.transferred',
  privileges_changed: 'reason.privilegesChanged',
  logout: 'reason.logout',
  credential_revoked: 'reason.credentialRevoked',
  user_missing: 'reason.userMissing',
  not_found: 'reason.notFound',
};

/** A key when the code is known; the caller shows the code itself otherwise. */
export function authActionKey(action: string): MessageKey | null {
  return AUTH_ACTIONS[action] ?? null;
}

export function auditActionKey(action: string): MessageKey | null {
  return AUDIT_ACTIONS[action] ?? null;
}

export function outcomeKey(outcome: string): MessageKey | null {
  return OUTCOMES[outcome] ?? null;
}

export function reasonKey(reason: string): MessageKey | null {
  return REASONS[reason] ?? null;
}

export function roleLabel(vocabulary: Vocabulary | null, code: string, locale: Locale): string {
  return vocabulary?.roles.find((r) => r.code === code)?.label[locale] ?? code;
}

export function postLabel(vocabulary: Vocabulary | null, code: string, locale: Locale): string {
  return vocabulary?.posts.find((p) => p.code === code)?.label[locale] ?? code;
}

/** A short name for a browser from its User-Agent (for the session tables). */
export function browserName(userAgent: string | null): string {
  if (!userAgent) return '';
  const rules: [RegExp, string][] = [
    [/Edg\/(\d+)/, 'Microsoft Edge'],
    [/OPR\/(\d+)/, 'Opera'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/Chrome\/(\d+)/, 'Chrome'],
    [/Version\/(\d+).*Safari\//, 'Safari'],
  ];
  for (const [pattern, name] of rules) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1] ?? ''}`.trim();
  }
  return userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent;
}
