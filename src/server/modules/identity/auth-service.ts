import type { ServiceContext } from '../../context.js';
import type { SessionRow, UserRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import type { AuditActor } from '../audit/event.js';
import { findUserById, findUserByLogin, rolesOf } from '../org/repo.js';
import { auditActor, type UserActor } from './actor.js';
import { isLocked, nextFailureState } from './lockout.js';
import { MONITORING_NOTICE } from './notice.js';
import { dummyHash, hashPassword, verifyPassword } from './password-hashing.js';
import { checkPasswordRules, describeProblems, PASSWORD_HISTORY_DEPTH } from './password-policy.js';
import * as repo from './repo.js';
import { type AccountState, accountState, createSession, isPrivileged, isRetired, type RequestMeta } from './session-service.js';

export interface LoginResult {
  token: string;
  session: SessionRow;
  actor: UserActor;
  state: AccountState;
  mfaRequired: boolean;
  mfaMethods: ('totp' | 'webauthn')[];
}

function attemptActor(loginId: string, meta: RequestMeta, user?: UserRow): AuditActor {
  return {
    type: user ? 'user' : 'anonymous',
    userId: user?.id,
    // The typed ID is kept (truncated) so that guessing is visible; never the password.
    loginId: loginId.slice(0, 64),
    sourceAddress: meta.ip ?? undefined,
    terminal: meta.terminal ?? undefined,
  };
}

/** Counts a failed factor against the account and locks it when the limit is reached (ID-5). */
export async function registerFailure(ctx: ServiceContext, user: UserRow, meta: RequestMeta, stage: string): Promise<void> {
  const now = ctx.clock.now();
  const privileged = isPrivileged(await rolesOf(ctx.db, user.id));
  const next = nextFailureState(user, privileged, now);
  await repo.recordFailedAttempt(ctx.db, user.id, next);
  await ctx.audit.record({
    action: 'auth.login',
    actor: attemptActor(user.login_id, meta, user),
    outcome: 'failure',
    reason: stage,
    details: { failedAttempts: next.failed_attempts },
  });
  if (next.locked_until !== null) {
    // Whoever is guessing second-factor codes on a half-open session stops here too.
    const ended = await repo.endPendingSessionsOfUser(ctx.db, user.id, now, 'locked');
    await ctx.audit.record({
      action: 'auth.lockout',
      actor: attemptActor(user.login_id, meta, user),
      target: { type: 'user', id: user.id },
      outcome: 'success',
      reason: next.lock_requires_admin ? 'privileged_until_admin_unlock' : 'temporary',
      details: { lockedUntil: next.locked_until.toISOString(), pendingSessionsEnded: ended.length },
    });
  }
}

/**
 * ID-2, ID-5: the same answer and about the same time whether the ID is unknown, disabled,
 * retired, locked or the password wrong; every attempt is recorded (ID-6).
 */
export async function login(ctx: ServiceContext, input: { loginId: string; password: string }, meta: RequestMeta): Promise<LoginResult> {
  const now = ctx.clock.now();
  const user = await findUserByLogin(ctx.db, input.loginId);
  const refuse = async (reason: string): Promise<never> => {
    await ctx.audit.record({ action: 'auth.login', actor: attemptActor(input.loginId, meta, user), outcome: 'failure', reason });
    throw new AppError('invalid_credentials');
  };
  if (!user) {
    await verifyPassword(await dummyHash(), input.password);
    return refuse('unknown_id');
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (user.disabled_at !== null) return refuse('disabled');
  if (isRetired(user, tokyoDate(now))) return refuse('retired');
  if (isLocked(user, now)) return refuse('locked');
  if (!passwordOk) {
    await registerFailure(ctx, user, meta, 'bad_password');
    throw new AppError('invalid_credentials');
  }
  const [totp, webauthn] = await Promise.all([repo.findTotp(ctx.db, user.id), repo.listWebauthn(ctx.db, user.id)]);
  const mfaMethods: ('totp' | 'webauthn')[] = [];
  if (totp?.confirmed_at != null) mfaMethods.push('totp');
  if (webauthn.length > 0) mfaMethods.push('webauthn');
  const mfaRequired = mfaMethods.length > 0;
  // Failures are forgiven only when the login is complete: with a second factor pending, a right
  // password must not reset the count, or wrong codes could be guessed forever between logins.
  if (!mfaRequired && (user.failed_attempts > 0 || user.locked_until !== null)) await repo.clearFailures(ctx.db, user.id);

  const { token, session, actor } = await createSession(ctx, user, meta, { mfaPending: mfaRequired });
  await ctx.audit.record({
    action: 'auth.login',
    actor: auditActor(actor),
    outcome: 'success',
    details: { stage: mfaRequired ? 'password_ok_mfa_pending' : 'complete', privileged: session.privileged },
  });
  const state = await accountState(ctx, user, actor);
  return { token, session, actor, state, mfaRequired, mfaMethods };
}

export async function logout(ctx: ServiceContext, actor: UserActor): Promise<void> {
  await repo.endSession(ctx.db, actor.sessionId, ctx.clock.now(), 'logout');
  await ctx.audit.record({
    action: 'auth.logout',
    actor: auditActor(actor),
    target: { type: 'session', id: actor.sessionId },
    outcome: 'success',
  });
}

/** ID-3, ID-4: self-service change; refuses weak and recently used passwords. */
export async function changePassword(
  ctx: ServiceContext,
  actor: UserActor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const user = await findUserById(ctx.db, actor.userId);
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await registerFailure(ctx, user, meta, 'bad_current_password');
    throw new AppError('invalid_credentials', {
      ja: '現在のパスワードが正しくありません。',
      en: 'The current password is incorrect.',
    });
  }
  const problems = checkPasswordRules(input.newPassword, { loginId: user.login_id, name: user.name, nameKana: user.name_kana });
  if (problems.length === 0) {
    const recent = await repo.recentPasswordHashes(ctx.db, user.id, PASSWORD_HISTORY_DEPTH);
    for (const old of [user.password_hash, ...recent]) {
      if (await verifyPassword(old, input.newPassword)) {
        problems.push('reused');
        break;
      }
    }
  }
  if (problems.length > 0) {
    await ctx.audit.record({
      action: 'auth.password.change',
      actor: auditActor(actor),
      outcome: 'failure',
      reason: 'weak_password',
      details: { problems },
    });
    throw new AppError('weak_password', describeProblems(problems));
  }
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setPassword(tx, user.id, { password_hash: passwordHash, password_changed_at: now, must_change_password: false });
    // Someone who knew the old password loses any other session they had.
    await repo.endSessionsOfUser(tx, user.id, now, 'password_changed', actor.sessionId);
    await ctx.audit.record(
      {
        action: 'auth.password.change',
        actor: auditActor(actor),
        outcome: 'success',
        details: { wasTemporary: user.must_change_password },
      },
      { tx },
    );
  });
}

/** ID-13: the acknowledgement is kept with its time and address. */
export async function acknowledgeNotice(ctx: ServiceContext, actor: UserActor): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertAcknowledgement(tx, actor.userId, MONITORING_NOTICE.version, ctx.clock.now(), actor.ip);
    await ctx.audit.record(
      {
        action: 'auth.notice.acknowledge',
        actor: auditActor(actor),
        target: { type: 'notice', id: MONITORING_NOTICE.version },
        outcome: 'success',
      },
      { tx },
    );
  });
}
