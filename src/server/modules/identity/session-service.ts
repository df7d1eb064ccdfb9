import type { ServiceContext } from '../../context.js';
import type { SessionRow, UserRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { MINUTE, tokyoDate } from '../../shared/clock.js';
import { hashToken, newToken } from '../../shared/tokens.js';
import { PRIVILEGED_ROLES, UNIT_MANAGER_POSTS } from '../org/catalog.js';
import { type AssignmentRow, assignmentOn, findUserById, type PostRow, postsOn, rolesOf } from '../org/repo.js';
import type { Settings } from '../settings/schema.js';
import type { UserActor } from './actor.js';
import { MONITORING_NOTICE } from './notice.js';
import * as repo from './repo.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  terminal?: string | null;
}

export interface AccountState {
  passwordChangeRequired: boolean;
  mfaEnrollmentRequired: boolean;
  noticeAcknowledgementRequired: boolean;
  mfaEnrolled: { totp: boolean; webauthn: number };
}

export interface ResolvedSession {
  session: SessionRow;
  user: UserRow;
  actor: UserActor;
  state: AccountState;
}

const TOUCH_INTERVAL_MS = 15_000;

export function isRetired(user: UserRow, today: string): boolean {
  return user.retired_on !== null && user.retired_on <= today;
}

export function isPrivileged(roles: readonly string[]): boolean {
  return roles.some((r) => (PRIVILEGED_ROLES as readonly string[]).includes(r));
}

/** The person as of today: unit, posts and roles that hold now (ORG-1, ORG-2, ID-11). */
export async function buildActor(
  ctx: ServiceContext,
  user: UserRow,
  session: Pick<SessionRow, 'id' | 'ip'>,
  terminal: string | null,
): Promise<UserActor> {
  const today = tokyoDate(ctx.clock.now());
  const [assignment, posts, roles] = await Promise.all([
    assignmentOn(ctx.db, user.id, today),
    postsOn(ctx.db, user.id, today),
    rolesOf(ctx.db, user.id),
  ]);
  return actorFrom({ user, session, assignment, posts, roles, terminal, today });
}

/** The actor from rows already read (buildActor's reads, or the one-statement session bundle). */
function actorFrom(input: {
  user: UserRow;
  session: Pick<SessionRow, 'id' | 'ip'>;
  assignment: AssignmentRow | undefined;
  posts: PostRow[];
  roles: string[];
  terminal: string | null;
  today: string;
}): UserActor {
  const { user, session, assignment, posts, roles, terminal, today } = input;
  // A post counts only in the unit the person currently belongs to.
  const livePosts = posts.filter((p) => assignment && p.unit_id === assignment.unit_id);
  const active = user.disabled_at === null && !isRetired(user, today);
  return {
    kind: 'user',
    userId: user.id,
    loginId: user.login_id,
    name: user.name,
    locale: user.locale === 'en' ? 'en' : 'ja',
    unit: assignment ? { id: assignment.unit_id, code: assignment.unit_code, name: assignment.unit_name } : null,
    assignmentId: assignment?.id ?? null,
    roles,
    posts: livePosts.map((p) => ({ post: p.post, unitCode: p.unit_code })),
    managedUnitCodes: [
      ...new Set(livePosts.filter((p) => (UNIT_MANAGER_POSTS as readonly string[]).includes(p.post)).map((p) => p.unit_code)),
    ],
    privileged: isPrivileged(roles),
    active,
    sessionId: session.id,
    ip: session.ip,
    terminal,
  };
}

export function passwordExpired(user: UserRow, privileged: boolean, settings: Settings, now: Date): boolean {
  const maxDays = privileged ? settings.privilegedPasswordMaxAgeDays : settings.passwordMaxAgeDays;
  if (maxDays <= 0) return false;
  return now.getTime() - new Date(user.password_changed_at).getTime() > maxDays * 24 * 60 * MINUTE;
}

export function mfaRequiredByPolicy(actor: UserActor, settings: Settings): boolean {
  if (actor.privileged) return true;
  if (actor.roles.some((r) => (settings.mfaRequiredRoles as readonly string[]).includes(r))) return true;
  return actor.unit !== null && settings.mfaRequiredUnitCodes.includes(actor.unit.code);
}

interface CredentialFacts {
  totpConfirmed: boolean;
  webauthnCount: number;
  noticeAcknowledged: boolean;
}

export async function accountState(ctx: ServiceContext, user: UserRow, actor: UserActor): Promise<AccountState> {
  const settings = await ctx.settings.get();
  const [totp, webauthn, acknowledged] = await Promise.all([
    repo.findTotp(ctx.db, user.id),
    repo.listWebauthn(ctx.db, user.id),
    repo.acknowledgedAt(ctx.db, user.id, MONITORING_NOTICE.version),
  ]);
  const facts = { totpConfirmed: totp?.confirmed_at != null, webauthnCount: webauthn.length, noticeAcknowledged: acknowledged !== null };
  return accountStateFrom(user, actor, settings, ctx.clock.now(), facts);
}

function accountStateFrom(user: UserRow, actor: UserActor, settings: Settings, now: Date, facts: CredentialFacts): AccountState {
  return {
    passwordChangeRequired: user.must_change_password || passwordExpired(user, actor.privileged, settings, now),
    mfaEnrollmentRequired: mfaRequiredByPolicy(actor, settings) && !facts.totpConfirmed && facts.webauthnCount === 0,
    noticeAcknowledgementRequired: !facts.noticeAcknowledged,
    mfaEnrolled: { totp: facts.totpConfirmed, webauthn: facts.webauthnCount },
  };
}

export async function createSession(
  ctx: ServiceContext,
  user: UserRow,
  meta: RequestMeta,
  opts: { mfaPending: boolean },
): Promise<{ token: string; session: SessionRow; actor: UserActor }> {
  const now = ctx.clock.now();
  const settings = await ctx.settings.get();
  const today = tokyoDate(now);
  const [assignment, roles] = await Promise.all([assignmentOn(ctx.db, user.id, today), rolesOf(ctx.db, user.id)]);
  const privileged = isPrivileged(roles);
  const lifetime = privileged ? settings.privilegedSessionMaxMinutes * MINUTE : settings.sessionMaxHours * 60 * MINUTE;
  // ID-10: a fresh random id at every login; only its hash is stored.
  const token = newToken();
  const session = await repo.insertSession(ctx.db, {
    token_hash: hashToken(token),
    user_id: user.id,
    csrf_token: newToken(24),
    state: opts.mfaPending ? 'mfa_pending' : 'active',
    privileged,
    assignment_id: assignment?.id ?? null,
    mfa_method: null,
    mfa_credential_id: null,
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
    created_at: now,
    last_seen_at: now,
    absolute_expires_at: new Date(now.getTime() + lifetime),
  });
  const actor = await buildActor(ctx, user, session, meta.terminal ?? null);
  return { token, session, actor };
}

/** Issues a new token for an existing session (after the second factor raises its assurance). */
export async function rotateSessionToken(ctx: ServiceContext, sessionId: string): Promise<string> {
  const token = newToken();
  await ctx.db
    .updateTable('sessions')
    .set({ token_hash: hashToken(token) })
    .where('id', '=', sessionId)
    .execute();
  return token;
}

async function expire(ctx: ServiceContext, session: SessionRow, user: UserRow | undefined, reason: string): Promise<never> {
  const ended = await repo.endSession(ctx.db, session.id, ctx.clock.now(), reason);
  if (ended) {
    await ctx.audit.record({
      action: 'auth.session.end',
      actor: {
        type: 'user',
        userId: session.user_id,
        loginId: user?.login_id,
        sessionId: session.id,
        sourceAddress: session.ip ?? undefined,
      },
      target: { type: 'session', id: session.id },
      outcome: 'success',
      reason,
    });
  }
  throw new AppError('session_expired');
}

/** Why an open session may no longer be used, or null while it may (ID-7, ID-10, ID-11, ID-12). */
function endReason(
  session: SessionRow,
  user: UserRow | undefined,
  settings: Settings,
  now: Date,
  current: { assignmentId: string | null; privileged: boolean } | null,
): string | null {
  if (!user) return 'user_missing';
  if (now.getTime() >= new Date(session.absolute_expires_at).getTime()) return 'absolute_timeout';
  if (now.getTime() - new Date(session.last_seen_at).getTime() > settings.idleTimeoutMinutes * MINUTE) return 'idle_timeout';
  if (user.disabled_at !== null) return 'disabled';
  if (isRetired(user, tokyoDate(now))) return 'retired';
  if (current && current.assignmentId !== session.assignment_id) return 'transferred';
  if (current && current.privileged !== session.privileged) return 'privileges_changed';
  return null;
}

/**
 * Turns a cookie into a person, or ends the session when a rule says it is over. Every request
 * passes here, so the person is read in one statement (repo.findSessionBundle).
 */
export async function resolveSession(ctx: ServiceContext, token: string, meta: RequestMeta): Promise<ResolvedSession> {
  const now = ctx.clock.now();
  const today = tokyoDate(now);
  const bundle = await repo.findSessionBundle(ctx.db, hashToken(token), today, MONITORING_NOTICE.version);
  if (!bundle) throw new AppError('unauthenticated');
  const { session, user } = bundle;
  const settings = await ctx.settings.get();
  const early = endReason(session, user, settings, now, null);
  if (early || !user) return expire(ctx, session, user, early ?? 'user_missing');
  const actor = actorFrom({ ...bundle, user, terminal: meta.terminal ?? null, today });
  const late = endReason(session, user, settings, now, actor);
  if (late) return expire(ctx, session, user, late);
  if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchSession(ctx.db, session.id, now);
  }
  const state = accountStateFrom(user, actor, settings, now, bundle);
  return { session, user, actor, state };
}

/** Ends sessions that a rule has ended (idle, transfer, retirement …) without waiting for their next request. */
export async function sweepSessions(ctx: ServiceContext): Promise<number> {
  const open = await repo.listOpenSessions(ctx.db, {});
  const settings = await ctx.settings.get();
  const now = ctx.clock.now();
  let ended = 0;
  for (const summary of open) {
    const session = await repo.findSessionById(ctx.db, summary.id);
    if (!session) continue;
    const user = await findUserById(ctx.db, session.user_id);
    const assignment = user ? await assignmentOn(ctx.db, user.id, tokyoDate(now)) : undefined;
    const roles = user ? await rolesOf(ctx.db, user.id) : [];
    const reason = endReason(session, user, settings, now, {
      assignmentId: assignment?.id ?? null,
      privileged: isPrivileged(roles),
    });
    if (!reason) continue;
    await expire(ctx, session, user, reason).catch(() => undefined);
    ended += 1;
  }
  return ended;
}

/** The person and gates of a session by id (used right after the second factor). */
export async function describeSession(ctx: ServiceContext, sessionId: string) {
  const session = await repo.findSessionById(ctx.db, sessionId);
  const user = session ? await findUserById(ctx.db, session.user_id) : undefined;
  if (!session || !user || session.ended_at !== null) throw new AppError('unauthenticated');
  const actor = await buildActor(ctx, user, session, null);
  const state = await accountState(ctx, user, actor);
  return { actor, state, csrfToken: session.csrf_token };
}
