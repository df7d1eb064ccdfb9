import { randomBytes } from 'node:crypto';
import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import type { UserRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { isLocked } from '../identity/lockout.js';
import { hashPassword } from '../identity/password-hashing.js';
import { generateTemporaryPassword } from '../identity/password-policy.js';
import * as identityRepo from '../identity/repo.js';
import { isRetired } from '../identity/session-service.js';
import { type RoleCode, resolvePost, resolveRole } from './catalog.js';
import * as repo from './repo.js';
import type { CreateUnitInput, CreateUserInput, UpdateUnitInput } from './schema.js';

type Tx = repo.Db;

export type UserStatus = 'active' | 'locked' | 'disabled' | 'retired';

export function userStatus(
  user: Pick<UserRow, 'disabled_at' | 'retired_on' | 'locked_until' | 'lock_requires_admin'>,
  now: Date,
): UserStatus {
  if (user.disabled_at !== null) return 'disabled';
  if (user.retired_on !== null && user.retired_on <= tokyoDate(now)) return 'retired';
  if (isLocked(user, now)) return 'locked';
  return 'active';
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23505';
}

async function requireUser(db: Tx, id: string): Promise<UserRow> {
  const user = await repo.findUserById(db, id);
  if (!user) throw new AppError('not_found');
  return user;
}

async function requireUnit(db: Tx, code: string) {
  const unit = await repo.findUnitByCode(db, code);
  if (!unit) throw new AppError('not_found', { ja: `所属コード ${code} は登録されていません。`, en: `Unit ${code} does not exist.` });
  return unit;
}

function resolveRoles(inputs: readonly string[]): RoleCode[] {
  const roles = inputs.map((r) => {
    const code = resolveRole(r);
    if (!code) throw new AppError('validation_failed', { ja: `役割「${r}」はありません。`, en: `Unknown role "${r}".` });
    return code;
  });
  return [...new Set(roles)];
}

function requirePost(input: string) {
  const post = resolvePost(input);
  if (!post) throw new AppError('validation_failed', { ja: `職「${input}」はありません。`, en: `Unknown post "${input}".` });
  return post;
}

// --- units (ORG-1) -----------------------------------------------------------------

export async function listUnits(ctx: ServiceContext, actor: Actor) {
  await authorize(ctx, actor, 'admin.units.read', { type: 'System' });
  const rows = await repo.listUnits(ctx.db);
  return rows.map((u) => ({ id: u.id, code: u.code, name: u.name, nameEn: u.name_en, kind: u.kind, parentCode: u.parent_code }));
}

export async function createUnit(ctx: ServiceContext, actor: Actor, input: CreateUnitInput) {
  await authorize(ctx, actor, 'admin.units.write', { type: 'System' });
  const created = ctx.db.transaction().execute(async (tx) => {
    const parent = input.parentCode ? await requireUnit(tx, input.parentCode) : null;
    if (await repo.findUnitByCode(tx, input.code)) throw new AppError('conflict');
    const unit = await repo.insertUnit(tx, {
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      kind: input.kind,
      parent_id: parent?.id ?? null,
    });
    await ctx.audit.record(
      {
        action: 'admin.unit.create',
        actor: auditActor(actor),
        target: { type: 'unit', id: unit.code, label: unit.name },
        outcome: 'success',
        details: { parent: input.parentCode ?? null, kind: input.kind },
      },
      { tx },
    );
    return { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.name_en, kind: unit.kind, parentCode: input.parentCode ?? null };
  });
  // Two requests for the same new code: the unique index decides, the loser gets the same answer.
  return created.catch((e: unknown) => {
    throw isUniqueViolation(e) ? new AppError('conflict') : e;
  });
}

export async function updateUnit(ctx: ServiceContext, actor: Actor, code: string, input: UpdateUnitInput) {
  await authorize(ctx, actor, 'admin.units.write', { type: 'Unit', code });
  return ctx.db.transaction().execute(async (tx) => {
    const unit = await requireUnit(tx, code);
    let parentId: string | null | undefined;
    if (input.parentCode === null) parentId = null;
    else if (input.parentCode !== undefined) {
      const parent = await requireUnit(tx, input.parentCode);
      const ancestors = await repo.unitAncestorIds(tx, parent.id);
      if (parent.id === unit.id || ancestors.includes(unit.id)) {
        throw new AppError('validation_failed', { ja: '所属の上下関係が循環します。', en: 'The unit hierarchy would contain a cycle.' });
      }
      parentId = parent.id;
    }
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(parentId !== undefined ? { parent_id: parentId } : {}),
    };
    // An empty patch changes nothing (an UPDATE with no SET list is not SQL).
    const updated = Object.keys(patch).length > 0 ? await repo.updateUnit(tx, unit.id, patch) : unit;
    await ctx.audit.record(
      {
        action: 'admin.unit.update',
        actor: auditActor(actor),
        target: { type: 'unit', id: code },
        outcome: 'success',
        details: { changed: Object.keys(input) },
      },
      { tx },
    );
    const parent = updated.parent_id ? await repo.findUnitById(tx, updated.parent_id) : undefined;
    return {
      id: updated.id,
      code: updated.code,
      name: updated.name,
      nameEn: updated.name_en,
      kind: updated.kind,
      parentCode: parent?.code ?? null,
    };
  });
}

// --- users (ID-1, ID-3, ORG-2) ---------------------------------------------------------

export async function createUser(ctx: ServiceContext, actor: Actor, input: CreateUserInput) {
  await authorize(ctx, actor, 'admin.users.create', { type: 'System' });
  const roles = resolveRoles(input.roles ?? []);
  const posts = (input.posts ?? []).map((p) => ({ post: requirePost(p.post), unitCode: p.unitCode ?? input.unitCode }));
  const temporaryPassword = generateTemporaryPassword((n) => randomBytes(n));
  const passwordHash = await hashPassword(temporaryPassword);
  const now = ctx.clock.now();
  const today = tokyoDate(now);
  try {
    const user = await ctx.db.transaction().execute(async (tx) => {
      if (await repo.findUserByLogin(tx, input.loginId))
        throw new AppError('conflict', {
          ja: `ユーザID ${input.loginId} は既に使われています。`,
          en: `The user ID ${input.loginId} is already taken.`,
        });
      const unit = input.unitCode ? await requireUnit(tx, input.unitCode) : null;
      const created = await repo.insertUser(tx, {
        login_id: input.loginId,
        name: input.name,
        name_kana: input.nameKana ?? null,
        employment_type: input.employmentType ?? 'regular',
        password_hash: passwordHash,
        password_changed_at: now,
      });
      await identityRepo.setPassword(tx, created.id, { password_hash: passwordHash, password_changed_at: now, must_change_password: true });
      if (unit) await repo.insertAssignment(tx, { user_id: created.id, unit_id: unit.id, valid_from: today });
      await repo.replaceRoles(tx, created.id, roles, actor.kind === 'user' ? actor.userId : null);
      for (const p of posts) {
        if (!p.unitCode) throw new AppError('validation_failed', { ja: '職には所属が必要です。', en: 'A post needs a unit.' });
        const postUnit = await requireUnit(tx, p.unitCode);
        await repo.insertPost(tx, { user_id: created.id, unit_id: postUnit.id, post: p.post, valid_from: today, valid_to: null });
      }
      await ctx.audit.record(
        {
          action: 'admin.user.create',
          actor: auditActor(actor),
          target: { type: 'user', id: created.id, label: created.login_id },
          outcome: 'success',
          details: {
            unit: input.unitCode ?? null,
            roles,
            posts: posts.map((p) => `${p.unitCode}:${p.post}`),
            employmentType: created.employment_type,
          },
        },
        { tx },
      );
      return created;
    });
    return { user: { id: user.id, loginId: user.login_id, name: user.name, unitCode: input.unitCode ?? null, roles }, temporaryPassword };
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict');
    throw e;
  }
}

export async function listUsers(
  ctx: ServiceContext,
  actor: Actor,
  query: { unit?: string | undefined; q?: string | undefined; limit: number; offset: number },
) {
  await authorize(ctx, actor, 'admin.users.read', { type: 'System' });
  const now = ctx.clock.now();
  const unit = query.unit ? await requireUnit(ctx.db, query.unit) : null;
  const rows = await repo.listUsers(ctx.db, {
    unitId: unit?.id,
    query: query.q,
    date: tokyoDate(now),
    limit: query.limit,
    offset: query.offset,
  });
  return rows.map((r) => ({
    id: r.id,
    loginId: r.login_id,
    name: r.name,
    nameKana: r.name_kana,
    employmentType: r.employment_type,
    unit: r.unit_code ? { code: r.unit_code, name: r.unit_name } : null,
    status: userStatus({ ...r, lock_requires_admin: false }, now),
    mustChangePassword: r.must_change_password,
  }));
}

export async function getUser(ctx: ServiceContext, actor: Actor, id: string) {
  await authorize(ctx, actor, 'admin.users.read', { type: 'User', id });
  const user = await requireUser(ctx.db, id);
  const [assignments, posts, roles, sessions] = await Promise.all([
    repo.assignmentsOf(ctx.db, id),
    repo.postsOf(ctx.db, id),
    repo.rolesOf(ctx.db, id),
    identityRepo.listOpenSessions(ctx.db, { userId: id }),
  ]);
  const now = ctx.clock.now();
  return {
    user: {
      id: user.id,
      loginId: user.login_id,
      name: user.name,
      nameKana: user.name_kana,
      employmentType: user.employment_type,
      locale: user.locale,
      status: userStatus(user, now),
      mustChangePassword: user.must_change_password,
      lockedUntil: user.locked_until && isLocked(user, now) ? new Date(user.locked_until).toISOString() : null,
      disabledAt: user.disabled_at ? new Date(user.disabled_at).toISOString() : null,
      disabledReason: user.disabled_reason,
      retiredOn: user.retired_on,
    },
    assignments: assignments.map((a) => ({
      id: a.id,
      unitCode: a.unit_code,
      unitName: a.unit_name,
      validFrom: a.valid_from,
      validTo: a.valid_to,
    })),
    posts: posts.map((p) => ({
      id: p.id,
      post: p.post,
      unitCode: p.unit_code,
      unitName: p.unit_name,
      validFrom: p.valid_from,
      validTo: p.valid_to,
    })),
    roles,
    sessions: sessions.map((s) => ({
      id: s.id,
      createdAt: new Date(s.created_at).toISOString(),
      lastSeenAt: new Date(s.last_seen_at).toISOString(),
      ip: s.ip,
      userAgent: s.user_agent,
      privileged: s.privileged,
    })),
  };
}

/** Runs an account change and its audit entry in one transaction. */
async function accountChange<T>(
  ctx: ServiceContext,
  actor: Actor,
  targetId: string,
  action: string,
  work: (tx: Tx, user: UserRow) => Promise<{ result: T; details?: Record<string, string | number | boolean | null | string[]> }>,
): Promise<T> {
  return ctx.db.transaction().execute(async (tx) => {
    const user = await requireUser(tx, targetId);
    const { result, details } = await work(tx, user);
    await ctx.audit.record(
      { action, actor: auditActor(actor), target: { type: 'user', id: user.id, label: user.login_id }, outcome: 'success', details },
      { tx },
    );
    return result;
  });
}

/**
 * Ends a person's open sessions because of an administrative change, each recorded in their own
 * authentication history (ID-6) as the ones a rule ends at their next request are.
 */
async function endSessionsBecause(ctx: ServiceContext, tx: Tx, user: UserRow, reason: string): Promise<number> {
  const ended = await identityRepo.endSessionsOfUser(tx, user.id, ctx.clock.now(), reason);
  for (const sessionId of ended) {
    await ctx.audit.record(
      {
        action: 'auth.session.end',
        actor: { type: 'user', userId: user.id, loginId: user.login_id, sessionId },
        target: { type: 'session', id: sessionId },
        outcome: 'success',
        reason,
      },
      { tx },
    );
  }
  return ended.length;
}

/**
 * ID-11: a transfer or retirement date may not fall on or before the start of an assignment that
 * has already begun: that assignment would be erased although sessions and records refer to it.
 * Assignments that have not begun yet (a transfer set for a later date) may be replaced.
 */
async function refuseErasingStartedAssignments(tx: Tx, userId: string, effectiveDate: string, today: string): Promise<void> {
  if (await repo.hasStartedAssignmentFrom(tx, userId, effectiveDate, today)) {
    throw new AppError('validation_failed', {
      ja: '発令日は、既に始まっている所属の開始日より後にしてください。',
      en: 'The effective date must be after the start of the assignment already in effect.',
    });
  }
}

/**
 * ID-7: a システム管理者 who stays (not disabled, no retirement date) may be removed, disabled or
 * retired only while another one stays; otherwise the system would be left without one, at once or
 * on a retirement date already set.
 */
async function keepAnAdministrator(tx: Tx, user: UserRow): Promise<void> {
  const stays = user.disabled_at === null && user.retired_on === null;
  if (stays && (await repo.countLastingRoleHolders(tx, 'system_admin', user.id)) === 0) throw new AppError('last_administrator');
}

/** ID-7: roles change only by another administrator, never leaving the system without one. */
export async function setRoles(ctx: ServiceContext, actor: Actor, id: string, inputRoles: readonly string[]) {
  await authorize(ctx, actor, 'admin.users.roles', { type: 'User', id });
  const roles = resolveRoles(inputRoles);
  return accountChange(ctx, actor, id, 'admin.user.roles', async (tx, user) => {
    const before = await repo.rolesOf(tx, user.id);
    if (before.includes('system_admin') && !roles.includes('system_admin')) await keepAnAdministrator(tx, user);
    await repo.replaceRoles(tx, user.id, roles, actor.kind === 'user' ? actor.userId : null);
    // New privileges need a new login (with MFA); removed ones stop now.
    const ended = await endSessionsBecause(ctx, tx, user, 'privileges_changed');
    return { result: { roles }, details: { before, after: roles, sessionsEnded: ended } };
  });
}

export async function addPost(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: { post: string; unitCode?: string | undefined; validFrom?: string | undefined },
) {
  await authorize(ctx, actor, 'admin.users.posts', { type: 'User', id });
  const post = requirePost(input.post);
  const today = tokyoDate(ctx.clock.now());
  return accountChange(ctx, actor, id, 'admin.user.post.add', async (tx, user) => {
    const assignment = await repo.assignmentOn(tx, user.id, input.validFrom ?? today);
    const unitCode = input.unitCode ?? assignment?.unit_code;
    if (!unitCode) throw new AppError('validation_failed', { ja: '職には所属が必要です。', en: 'A post needs a unit.' });
    const unit = await requireUnit(tx, unitCode);
    const postId = await repo.insertPost(tx, {
      user_id: user.id,
      unit_id: unit.id,
      post,
      valid_from: input.validFrom ?? today,
      valid_to: null,
    });
    return { result: { id: postId }, details: { post, unit: unitCode, validFrom: input.validFrom ?? today } };
  });
}

export async function endPost(ctx: ServiceContext, actor: Actor, id: string, postId: string) {
  await authorize(ctx, actor, 'admin.users.posts', { type: 'User', id });
  return accountChange(ctx, actor, id, 'admin.user.post.end', async (tx, user) => {
    const ok = await repo.endPost(tx, postId, user.id, tokyoDate(ctx.clock.now()));
    if (!ok) throw new AppError('not_found');
    return { result: undefined, details: { postId } };
  });
}

/** ORG-1, ID-11: 配置換え — from the effective date the person belongs to the new unit only. */
export async function transferUser(ctx: ServiceContext, actor: Actor, id: string, input: { unitCode: string; effectiveDate: string }) {
  await authorize(ctx, actor, 'admin.users.transfer', { type: 'User', id });
  const now = ctx.clock.now();
  return accountChange(ctx, actor, id, 'admin.user.transfer', async (tx, user) => {
    if (user.retired_on !== null) throw new AppError('invalid_state');
    const unit = await requireUnit(tx, input.unitCode);
    const current = await repo.assignmentOn(tx, user.id, input.effectiveDate);
    await refuseErasingStartedAssignments(tx, user.id, input.effectiveDate, tokyoDate(now));
    await repo.endAssignmentsFrom(tx, user.id, input.effectiveDate);
    await repo.endPostsFrom(tx, user.id, input.effectiveDate);
    await repo.insertAssignment(tx, { user_id: user.id, unit_id: unit.id, valid_from: input.effectiveDate });
    const immediate = input.effectiveDate <= tokyoDate(now);
    const ended = immediate ? await endSessionsBecause(ctx, tx, user, 'transferred') : 0;
    return {
      result: undefined,
      details: { from: current?.unit_code ?? null, to: unit.code, effectiveDate: input.effectiveDate, sessionsEnded: ended },
    };
  });
}

/** ID-11: 退職 — from the effective date the ID cannot be used and its posts end. */
export async function retireUser(ctx: ServiceContext, actor: Actor, id: string, input: { effectiveDate: string }) {
  await authorize(ctx, actor, 'admin.users.retire', { type: 'User', id });
  const now = ctx.clock.now();
  return accountChange(ctx, actor, id, 'admin.user.retire', async (tx, user) => {
    if (isRetired(user, tokyoDate(now))) throw new AppError('invalid_state');
    if ((await repo.rolesOf(tx, user.id)).includes('system_admin')) await keepAnAdministrator(tx, user);
    await refuseErasingStartedAssignments(tx, user.id, input.effectiveDate, tokyoDate(now));
    await identityRepo.setRetiredOn(tx, user.id, input.effectiveDate);
    await repo.endAssignmentsFrom(tx, user.id, input.effectiveDate);
    await repo.endPostsFrom(tx, user.id, input.effectiveDate);
    const immediate = input.effectiveDate <= tokyoDate(now);
    const ended = immediate ? await endSessionsBecause(ctx, tx, user, 'retired') : 0;
    return { result: undefined, details: { effectiveDate: input.effectiveDate, sessionsEnded: ended } };
  });
}

/** ID-3: a reset issues a temporary password that must be changed at the next login. */
export async function resetPassword(ctx: ServiceContext, actor: Actor, id: string) {
  await authorize(ctx, actor, 'admin.users.reset-password', { type: 'User', id });
  const temporaryPassword = generateTemporaryPassword((n) => randomBytes(n));
  const passwordHash = await hashPassword(temporaryPassword);
  const now = ctx.clock.now();
  await accountChange(ctx, actor, id, 'admin.user.password.reset', async (tx, user) => {
    await identityRepo.setPassword(tx, user.id, { password_hash: passwordHash, password_changed_at: now, must_change_password: true });
    const ended = await endSessionsBecause(ctx, tx, user, 'password_reset');
    return { result: undefined, details: { sessionsEnded: ended } };
  });
  return { temporaryPassword };
}

export async function unlockUser(ctx: ServiceContext, actor: Actor, id: string) {
  await authorize(ctx, actor, 'admin.users.unlock', { type: 'User', id });
  await accountChange(ctx, actor, id, 'admin.user.unlock', async (tx, user) => {
    await identityRepo.clearFailures(tx, user.id);
    return { result: undefined, details: { wasLocked: isLocked(user, ctx.clock.now()) } };
  });
}

/** ID-12: disabling stops the ID and every session it has, at once. */
export async function disableUser(ctx: ServiceContext, actor: Actor, id: string, reason: string) {
  await authorize(ctx, actor, 'admin.users.disable', { type: 'User', id });
  const now = ctx.clock.now();
  await accountChange(ctx, actor, id, 'admin.user.disable', async (tx, user) => {
    if ((await repo.rolesOf(tx, user.id)).includes('system_admin')) await keepAnAdministrator(tx, user);
    await identityRepo.setDisabled(tx, user.id, now, reason);
    const ended = await endSessionsBecause(ctx, tx, user, 'disabled');
    return { result: undefined, details: { reason, sessionsEnded: ended } };
  });
}

export async function enableUser(ctx: ServiceContext, actor: Actor, id: string) {
  await authorize(ctx, actor, 'admin.users.disable', { type: 'User', id });
  await accountChange(ctx, actor, id, 'admin.user.enable', async (tx, user) => {
    if (user.disabled_at === null) throw new AppError('invalid_state');
    await identityRepo.setDisabled(tx, user.id, null, null);
    return { result: undefined };
  });
}

// --- sessions held by others (ID-10) ----------------------------------------------------

export async function listSessions(ctx: ServiceContext, actor: Actor, userId?: string) {
  await authorize(ctx, actor, 'admin.sessions.read', { type: 'System' });
  const rows = await identityRepo.listOpenSessions(ctx.db, { userId });
  return rows.map((s) => ({
    id: s.id,
    userId: s.user_id,
    loginId: s.login_id,
    userName: s.user_name,
    createdAt: new Date(s.created_at).toISOString(),
    lastSeenAt: new Date(s.last_seen_at).toISOString(),
    expiresAt: new Date(s.absolute_expires_at).toISOString(),
    ip: s.ip,
    userAgent: s.user_agent,
    privileged: s.privileged,
  }));
}

export async function endSessionAsAdmin(ctx: ServiceContext, actor: Actor, sessionId: string) {
  await authorize(ctx, actor, 'admin.sessions.end', { type: 'System' });
  await ctx.db.transaction().execute(async (tx) => {
    const session = await identityRepo.findSessionById(tx, sessionId);
    if (!session || session.ended_at !== null) throw new AppError('not_found');
    await identityRepo.endSession(tx, sessionId, ctx.clock.now(), 'ended_by_admin');
    const owner = await repo.findUserById(tx, session.user_id);
    // Also in the owner's own authentication history (ID-6), like every other ended session.
    await ctx.audit.record(
      {
        action: 'auth.session.end',
        actor: { type: 'user', userId: session.user_id, loginId: owner?.login_id, sessionId },
        target: { type: 'session', id: sessionId },
        outcome: 'success',
        reason: 'ended_by_admin',
      },
      { tx },
    );
    await ctx.audit.record(
      {
        action: 'admin.session.end',
        actor: auditActor(actor),
        target: { type: 'session', id: sessionId },
        outcome: 'success',
        details: { user: session.user_id },
      },
      { tx },
    );
  });
}

// --- unit-bound view (ORG-2, ID-11) ------------------------------------------------------

export async function unitMembers(ctx: ServiceContext, actor: Actor, code: string) {
  await authorize(ctx, actor, 'unit.members.read', { type: 'Unit', code });
  const unit = await requireUnit(ctx.db, code);
  const today = tokyoDate(ctx.clock.now());
  const members = await repo.listUsers(ctx.db, { unitId: unit.id, date: today, limit: 1000, offset: 0 });
  const result = [];
  for (const m of members) {
    const posts = await repo.postsOn(ctx.db, m.id, today);
    result.push({ id: m.id, loginId: m.login_id, name: m.name, posts: posts.filter((p) => p.unit_id === unit.id).map((p) => p.post) });
  }
  return { unit: { code: unit.code, name: unit.name }, members: result };
}

// --- first start and operator look-ups -------------------------------------------------

/**
 * On an empty database the first start creates one unit and one システム管理者 with a temporary
 * password (printed once by `serve`), so the organisation can be set up from the browser.
 */
export async function ensureInitialAdministrator(ctx: ServiceContext, actor: Actor) {
  if (await repo.anyUserExists(ctx.db)) return null;
  const root = (await repo.findUnitByCode(ctx.db, 'ROOT')) ?? null;
  if (!root) await createUnit(ctx, actor, { code: 'ROOT', name: '本部', nameEn: 'Headquarters', kind: 'headquarters' });
  const created = await createUser(ctx, actor, { loginId: 'admin', name: 'システム管理者', unitCode: 'ROOT', roles: ['system_admin'] });
  return { loginId: 'admin', temporaryPassword: created.temporaryPassword };
}

export async function userIdByLogin(ctx: ServiceContext, loginId: string): Promise<string> {
  const user = await repo.findUserByLogin(ctx.db, loginId);
  if (!user) throw new AppError('not_found', { ja: `ユーザID ${loginId} は登録されていません。`, en: `No user with ID ${loginId}.` });
  return user.id;
}
