import { type Kysely, sql } from 'kysely';
import { compiledStatement } from '../../db/compiled-statement.js';
import type { Database, SessionRow, UserRow } from '../../db/schema.js';
import type { AssignmentRow, PostRow } from '../org/repo.js';

export type Db = Kysely<Database>;

export async function recordFailedAttempt(
  db: Db,
  userId: string,
  values: { failed_attempts: number; recent_failures: string[]; locked_until: Date | null; lock_requires_admin: boolean },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...values, recent_failures: JSON.stringify(values.recent_failures) })
    .where('id', '=', userId)
    .execute();
}

export async function clearFailures(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, recent_failures: '[]', locked_until: null, lock_requires_admin: false })
    .where('id', '=', userId)
    .execute();
}

export async function setPassword(
  db: Db,
  userId: string,
  values: { password_hash: string; password_changed_at: Date; must_change_password: boolean },
): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', userId).execute();
  // ID-4: the history is read newest first, so one person's entries must never share a time
  // (two changes within a millisecond, or a clock that stepped back, would make the order arbitrary).
  const last = await db
    .selectFrom('password_history')
    .select('created_at')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const lastMs = last ? new Date(last.created_at).getTime() : Number.NEGATIVE_INFINITY;
  const at = lastMs >= values.password_changed_at.getTime() ? new Date(lastMs + 1) : values.password_changed_at;
  await db.insertInto('password_history').values({ user_id: userId, password_hash: values.password_hash, created_at: at }).execute();
}

export async function recentPasswordHashes(db: Db, userId: string, depth: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(depth)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function setDisabled(db: Db, userId: string, at: Date | null, reason: string | null): Promise<void> {
  await db.updateTable('users').set({ disabled_at: at, disabled_reason: reason }).where('id', '=', userId).execute();
}

export async function setRetiredOn(db: Db, userId: string, date: string): Promise<void> {
  await db.updateTable('users').set({ retired_on: date }).where('id', '=', userId).execute();
}

export async function setLocale(db: Db, userId: string, locale: string): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

// --- sessions ---------------------------------------------------------------

export async function insertSession(db: Db, row: Omit<SessionRow, 'id' | 'ended_at' | 'end_reason'>): Promise<SessionRow> {
  return db.insertInto('sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

/** An open session with everything a request needs to know about its person, read in one statement. */
export interface SessionBundle {
  session: SessionRow;
  user: UserRow | undefined;
  /** The primary assignment on `today`. */
  assignment: AssignmentRow | undefined;
  /** Posts held on `today`, by unit code. */
  posts: PostRow[];
  roles: string[];
  totpConfirmed: boolean;
  webauthnCount: number;
  noticeAcknowledged: boolean;
}

interface BundleRow extends SessionRow {
  user_json: (Omit<UserRow, 'password_changed_at' | 'locked_until' | 'disabled_at' | 'created_at'> & Record<string, unknown>) | null;
  assignment_json: AssignmentRow | null;
  posts_json: PostRow[];
  roles: string[];
  totp_confirmed: boolean;
  webauthn_count: number;
  notice_acknowledged: boolean;
}

/**
 * JSON carries timestamps as text; the rest of the code expects the Date the driver gives for a row.
 * A timestamp column added to users must be added here (test/identity/session-bundle.test.ts
 * compares this row with findUserById's).
 */
function userFromJson(json: NonNullable<BundleRow['user_json']>): UserRow {
  const at = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
  return {
    ...json,
    password_changed_at: at(json.password_changed_at) ?? new Date(Number.NaN),
    locked_until: at(json.locked_until),
    disabled_at: at(json.disabled_at),
    created_at: at(json.created_at) ?? new Date(Number.NaN),
  } as UserRow;
}

const sessionBundle = compiledStatement(
  (_db, v: { tokenHash: string; today: string; noticeVersion: string }) => sql<BundleRow>`
    SELECT s.*,
      (SELECT to_jsonb(u) FROM users u WHERE u.id = s.user_id) AS user_json,
      (SELECT jsonb_build_object('id', a.id, 'unit_id', a.unit_id, 'unit_code', un.code, 'unit_name', un.name,
                                 'valid_from', a.valid_from, 'valid_to', a.valid_to)
         FROM user_assignments a JOIN units un ON un.id = a.unit_id
        WHERE a.user_id = s.user_id AND a.kind = 'primary' AND a.valid_from <= ${v.today}
          AND (a.valid_to IS NULL OR a.valid_to > ${v.today})
        ORDER BY a.valid_from DESC LIMIT 1) AS assignment_json,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'post', p.post, 'unit_id', p.unit_id, 'unit_code', un.code,
                                                    'unit_name', un.name, 'valid_from', p.valid_from, 'valid_to', p.valid_to)
                                 ORDER BY un.code, p.post), '[]'::jsonb)
         FROM post_assignments p JOIN units un ON un.id = p.unit_id
        WHERE p.user_id = s.user_id AND p.valid_from <= ${v.today} AND (p.valid_to IS NULL OR p.valid_to > ${v.today})) AS posts_json,
      ARRAY(SELECT r.role FROM role_assignments r WHERE r.user_id = s.user_id ORDER BY r.role) AS roles,
      EXISTS (SELECT 1 FROM totp_credentials t WHERE t.user_id = s.user_id AND t.confirmed_at IS NOT NULL) AS totp_confirmed,
      (SELECT count(*)::int FROM webauthn_credentials w WHERE w.user_id = s.user_id AND w.revoked_at IS NULL) AS webauthn_count,
      EXISTS (SELECT 1 FROM notice_acknowledgements n WHERE n.user_id = s.user_id AND n.notice_version = ${v.noticeVersion})
        AS notice_acknowledged
    FROM sessions s
    WHERE s.token_hash = ${v.tokenHash} AND s.ended_at IS NULL
  `,
);

/**
 * Runs on every authenticated request: the session by its token hash, its user, the user's unit,
 * posts and roles on `today`, and their second-factor and notice state — one round trip instead of
 * eight (the same conditions as org/repo assignmentOn, postsOn, rolesOf and this file's findTotp,
 * listWebauthn, acknowledgedAt).
 */
export async function findSessionBundle(
  db: Db,
  tokenHash: string,
  today: string,
  noticeVersion: string,
): Promise<SessionBundle | undefined> {
  const [row] = await sessionBundle.execute(db, { tokenHash, today, noticeVersion });
  if (!row) return undefined;
  const { user_json, assignment_json, posts_json, roles, totp_confirmed, webauthn_count, notice_acknowledged, ...session } = row;
  return {
    session,
    user: user_json ? userFromJson(user_json) : undefined,
    assignment: assignment_json ?? undefined,
    posts: posts_json,
    roles,
    totpConfirmed: totp_confirmed,
    webauthnCount: webauthn_count,
    noticeAcknowledged: notice_acknowledged,
  };
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function updateSession(
  db: Db,
  id: string,
  patch: Partial<Pick<SessionRow, 'state' | 'mfa_method' | 'mfa_credential_id' | 'privileged' | 'absolute_expires_at'>>,
): Promise<void> {
  await db.updateTable('sessions').set(patch).where('id', '=', id).execute();
}

export async function endSession(db: Db, id: string, at: Date, reason: string): Promise<boolean> {
  const res = await db
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Ends all open sessions of a user (disable, retire, transfer, role change); returns their ids. */
export async function endSessionsOfUser(db: Db, userId: string, at: Date, reason: string, exceptSessionId?: string): Promise<string[]> {
  let q = db.updateTable('sessions').set({ ended_at: at, end_reason: reason }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

/** Ends a user's sessions that passed the password but not yet the second factor (at a lockout). */
export async function endPendingSessionsOfUser(db: Db, userId: string, at: Date, reason: string): Promise<string[]> {
  const rows = await db
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('user_id', '=', userId)
    .where('state', '=', 'mfa_pending')
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function listOpenSessions(
  db: Db,
  filter: { userId?: string | undefined },
): Promise<(Omit<SessionRow, 'token_hash' | 'csrf_token'> & { login_id: string; user_name: string })[]> {
  let q = db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.state',
      's.privileged',
      's.assignment_id',
      's.mfa_method',
      's.mfa_credential_id',
      's.ip',
      's.user_agent',
      's.created_at',
      's.last_seen_at',
      's.absolute_expires_at',
      's.ended_at',
      's.end_reason',
      'u.login_id',
      'u.name as user_name',
    ])
    .where('s.ended_at', 'is', null);
  if (filter.userId) q = q.where('s.user_id', '=', filter.userId);
  return q.orderBy('s.created_at', 'desc').limit(500).execute();
}

export async function findSessionById(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

// --- MFA --------------------------------------------------------------------

export async function findTotp(db: Db, userId: string) {
  return db.selectFrom('totp_credentials').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertPendingTotp(db: Db, userId: string, secret: string): Promise<void> {
  await db
    .insertInto('totp_credentials')
    .values({ user_id: userId, secret, confirmed_at: null, last_used_step: null })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, confirmed_at: null, last_used_step: null }))
    .execute();
}

export async function confirmTotp(db: Db, userId: string, at: Date, step: number): Promise<void> {
  await db
    .updateTable('totp_credentials')
    .set({ confirmed_at: at, last_used_step: String(step) })
    .where('user_id', '=', userId)
    .execute();
}

/** Records the accepted time step; refuses (returns false) when that step or a later one was already used. */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const res = await db
    .updateTable('totp_credentials')
    .set({ last_used_step: String(step) })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteTotp(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('totp_credentials').where('user_id', '=', userId).execute();
}

export async function listWebauthn(db: Db, userId: string, includeRevoked = false) {
  let q = db.selectFrom('webauthn_credentials').selectAll().where('user_id', '=', userId);
  if (!includeRevoked) q = q.where('revoked_at', 'is', null);
  return q.orderBy('created_at').execute();
}

export async function insertWebauthn(
  db: Db,
  row: { user_id: string; credential_id: string; public_key: string; counter: string; transports: string | null; label: string },
): Promise<void> {
  await db.insertInto('webauthn_credentials').values(row).execute();
}

export async function updateWebauthnCounter(db: Db, credentialId: string, counter: number): Promise<void> {
  await db
    .updateTable('webauthn_credentials')
    .set({ counter: String(counter) })
    .where('credential_id', '=', credentialId)
    .execute();
}

export async function revokeWebauthn(db: Db, userId: string, id: string, at: Date): Promise<string | null> {
  const row = await db
    .updateTable('webauthn_credentials')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('credential_id')
    .executeTakeFirst();
  return row?.credential_id ?? null;
}

export async function endSessionsUsingCredential(db: Db, credentialId: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: 'credential_revoked' })
    .where('mfa_credential_id', '=', credentialId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function saveChallenge(db: Db, sessionId: string, purpose: string, challenge: string, at: Date): Promise<void> {
  await db
    .insertInto('webauthn_challenges')
    .values({ session_id: sessionId, purpose, challenge, created_at: at })
    .onConflict((oc) => oc.columns(['session_id', 'purpose']).doUpdateSet({ challenge, created_at: at }))
    .execute();
}

/** Challenges are single-use: taking one deletes it (a replayed response finds none). */
export async function takeChallenge(
  db: Db,
  sessionId: string,
  purpose: string,
): Promise<{ challenge: string; created_at: Date } | undefined> {
  return db
    .deleteFrom('webauthn_challenges')
    .where('session_id', '=', sessionId)
    .where('purpose', '=', purpose)
    .returning(['challenge', 'created_at'])
    .executeTakeFirst();
}

// --- monitoring notice (ID-13) ------------------------------------------------

export async function acknowledgedAt(db: Db, userId: string, version: string): Promise<Date | null> {
  const row = await db
    .selectFrom('notice_acknowledgements')
    .select('acknowledged_at')
    .where('user_id', '=', userId)
    .where('notice_version', '=', version)
    .executeTakeFirst();
  return row ? new Date(row.acknowledged_at) : null;
}

export async function insertAcknowledgement(db: Db, userId: string, version: string, at: Date, ip: string | null): Promise<void> {
  await db
    .insertInto('notice_acknowledgements')
    .values({ user_id: userId, notice_version: version, acknowledged_at: at, ip })
    .onConflict((oc) => oc.columns(['user_id', 'notice_version']).doNothing())
    .execute();
}
