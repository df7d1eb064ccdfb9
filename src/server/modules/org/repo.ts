import { type Kysely, sql } from 'kysely';
import type { Database, UnitRow, UserRow } from '../../db/schema.js';

export type Db = Kysely<Database>;

export interface AssignmentRow {
  id: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  valid_from: string;
  valid_to: string | null;
}

export interface PostRow {
  id: string;
  post: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  valid_from: string;
  valid_to: string | null;
}

export async function listUnits(db: Db): Promise<(UnitRow & { parent_code: string | null })[]> {
  return db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .selectAll('u')
    .select('p.code as parent_code')
    .orderBy('u.code')
    .execute();
}

export async function findUnitByCode(db: Db, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findUnitById(db: Db, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUnit(
  db: Db,
  unit: { code: string; name: string; name_en: string | null; kind: string; parent_id: string | null },
): Promise<UnitRow> {
  return db.insertInto('units').values(unit).returningAll().executeTakeFirstOrThrow();
}

export async function updateUnit(
  db: Db,
  id: string,
  patch: { name?: string; name_en?: string | null; kind?: string; parent_id?: string | null },
): Promise<UnitRow> {
  return db.updateTable('units').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Ancestors of a unit, nearest first; guards against cycles when re-parenting. */
export async function unitAncestorIds(db: Db, id: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM units WHERE id = ${id}
      UNION ALL
      SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id WHERE up.depth < 64
    )
    SELECT id FROM up WHERE depth > 0 ORDER BY depth
  `.execute(db);
  return result.rows.map((r) => r.id);
}

export async function insertUser(
  db: Db,
  user: {
    login_id: string;
    name: string;
    name_kana: string | null;
    employment_type: string;
    password_hash: string;
    password_changed_at: Date;
  },
): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ ...user, must_change_password: true })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByLogin(db: Db, loginId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(login_id)`, '=', loginId.toLowerCase()).executeTakeFirst();
}

const ASSIGNMENT_COLUMNS = ['a.id', 'a.unit_id', 'u.code as unit_code', 'u.name as unit_name', 'a.valid_from', 'a.valid_to'] as const;

/** The unit a user belongs to on a calendar date (ORG-1). */
export async function assignmentOn(db: Db, userId: string, date: string): Promise<AssignmentRow | undefined> {
  return db
    .selectFrom('user_assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(ASSIGNMENT_COLUMNS)
    .where('a.user_id', '=', userId)
    .where('a.kind', '=', 'primary')
    .where('a.valid_from', '<=', date)
    .where((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>', date)]))
    .orderBy('a.valid_from', 'desc')
    .executeTakeFirst();
}

export async function assignmentsOf(db: Db, userId: string): Promise<AssignmentRow[]> {
  return db
    .selectFrom('user_assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(ASSIGNMENT_COLUMNS)
    .where('a.user_id', '=', userId)
    .orderBy('a.valid_from')
    .execute();
}

export async function insertAssignment(db: Db, row: { user_id: string; unit_id: string; valid_from: string }): Promise<string> {
  const inserted = await db
    .insertInto('user_assignments')
    .values({ ...row, kind: 'primary' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Whether an assignment that has begun by `today` starts on or after `date`. */
export async function hasStartedAssignmentFrom(db: Db, userId: string, date: string, today: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_assignments')
    .select('id')
    .where('user_id', '=', userId)
    .where('valid_from', '>=', date)
    .where('valid_from', '<=', today)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends every assignment still open on `date` and removes ones that would only start after it. */
export async function endAssignmentsFrom(db: Db, userId: string, date: string): Promise<void> {
  await db.deleteFrom('user_assignments').where('user_id', '=', userId).where('valid_from', '>=', date).execute();
  await db
    .updateTable('user_assignments')
    .set({ valid_to: date })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .execute();
}

const POST_COLUMNS = ['p.id', 'p.post', 'p.unit_id', 'u.code as unit_code', 'u.name as unit_name', 'p.valid_from', 'p.valid_to'] as const;

export async function postsOn(db: Db, userId: string, date: string): Promise<PostRow[]> {
  return db
    .selectFrom('post_assignments as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(POST_COLUMNS)
    .where('p.user_id', '=', userId)
    .where('p.valid_from', '<=', date)
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>', date)]))
    .orderBy('u.code')
    .orderBy('p.post')
    .execute();
}

export async function postsOf(db: Db, userId: string): Promise<PostRow[]> {
  return db
    .selectFrom('post_assignments as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(POST_COLUMNS)
    .where('p.user_id', '=', userId)
    .orderBy('p.valid_from')
    .execute();
}

export async function insertPost(
  db: Db,
  row: { user_id: string; unit_id: string; post: string; valid_from: string; valid_to: string | null },
): Promise<string> {
  const inserted = await db.insertInto('post_assignments').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Posts end with the assignment they belong to (ID-11). `unitId` limits it to one unit. */
export async function endPostsFrom(db: Db, userId: string, date: string, unitId?: string): Promise<void> {
  let del = db.deleteFrom('post_assignments').where('user_id', '=', userId).where('valid_from', '>=', date);
  if (unitId) del = del.where('unit_id', '=', unitId);
  await del.execute();
  let upd = db
    .updateTable('post_assignments')
    .set({ valid_to: date })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]));
  if (unitId) upd = upd.where('unit_id', '=', unitId);
  await upd.execute();
}

export async function endPost(db: Db, postId: string, userId: string, date: string): Promise<boolean> {
  const res = await db
    .updateTable('post_assignments')
    .set({ valid_to: date })
    .where('id', '=', postId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .where('valid_from', '<', date)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) return true;
  const removed = await db
    .deleteFrom('post_assignments')
    .where('id', '=', postId)
    .where('user_id', '=', userId)
    .where('valid_from', '>=', date)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

export async function rolesOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('role_assignments').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role);
}

export async function replaceRoles(db: Db, userId: string, roles: string[], grantedBy: string | null): Promise<void> {
  await db.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await db
    .insertInto('role_assignments')
    .values(roles.map((role) => ({ user_id: userId, role, granted_by: grantedBy })))
    .execute();
}

/**
 * ID-7: how many holders of a role other than `exceptUserId` stay on — not disabled and with no
 * retirement date, so that a retirement already set for a later day does not count as staying.
 * A transaction-scoped advisory lock serialises these checks: two administrators removing each
 * other at the same moment cannot both see the other as the one who remains.
 */
export async function countLastingRoleHolders(db: Db, role: string, exceptUserId: string): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(7347002)`.execute(db);
  const row = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.role', '=', role)
    .where('u.id', '!=', exceptUserId)
    .where('u.disabled_at', 'is', null)
    .where('u.retired_on', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserListRow {
  id: string;
  login_id: string;
  name: string;
  name_kana: string | null;
  employment_type: string;
  disabled_at: Date | null;
  retired_on: string | null;
  locked_until: Date | null;
  must_change_password: boolean;
  unit_code: string | null;
  unit_name: string | null;
}

export async function listUsers(
  db: Db,
  filter: { unitId?: string | undefined; query?: string | undefined; date: string; limit: number; offset: number },
): Promise<UserListRow[]> {
  let q = db
    .selectFrom('users as usr')
    .leftJoin('user_assignments as a', (join) =>
      join
        .onRef('a.user_id', '=', 'usr.id')
        .on('a.kind', '=', 'primary')
        .on('a.valid_from', '<=', filter.date)
        .on((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>', filter.date)])),
    )
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'usr.id',
      'usr.login_id',
      'usr.name',
      'usr.name_kana',
      'usr.employment_type',
      'usr.disabled_at',
      'usr.retired_on',
      'usr.locked_until',
      'usr.must_change_password',
      'u.code as unit_code',
      'u.name as unit_name',
    ]);
  if (filter.unitId) q = q.where('a.unit_id', '=', filter.unitId);
  if (filter.query) {
    const like = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('usr.login_id', 'ilike', like), eb('usr.name', 'ilike', like), eb('usr.name_kana', 'ilike', like)]));
  }
  return q.orderBy('usr.login_id').limit(filter.limit).offset(filter.offset).execute();
}

export async function anyUserExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
