import type { Db } from './repo.js';

/** The organisation as the approval routes see it: who holds a post or a role on a day (ORG-2, ID-11). */

export interface Person {
  id: string;
  login_id: string;
  name: string;
}

export async function postHolders(db: Db, post: string, unitId: string, date: string): Promise<Person[]> {
  return db
    .selectFrom('post_assignments as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.id', 'u.login_id', 'u.name'])
    .where('p.post', '=', post)
    .where('p.unit_id', '=', unitId)
    .where('p.valid_from', '<=', date)
    .where((eb) => eb.or([eb('p.valid_to', 'is', null), eb('p.valid_to', '>', date)]))
    .where('u.disabled_at', 'is', null)
    .where((eb) => eb.or([eb('u.retired_on', 'is', null), eb('u.retired_on', '>', date)]))
    .orderBy('u.login_id')
    .execute();
}

export async function roleHolders(db: Db, role: string, date: string): Promise<Person[]> {
  return db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.login_id', 'u.name'])
    .where('r.role', '=', role)
    .where('u.disabled_at', 'is', null)
    .where((eb) => eb.or([eb('u.retired_on', 'is', null), eb('u.retired_on', '>', date)]))
    .orderBy('u.login_id')
    .execute();
}

/** Whether a user holds a post in a unit on a day. */
export async function holdsPost(db: Db, userId: string, post: string, unitId: string, date: string): Promise<boolean> {
  const row = await db
    .selectFrom('post_assignments')
    .select('id')
    .where('user_id', '=', userId)
    .where('post', '=', post)
    .where('unit_id', '=', unitId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .executeTakeFirst();
  return row !== undefined;
}

export async function rolesOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('role_assignments').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role);
}

export async function postsOfUser(db: Db, userId: string, date: string): Promise<{ post: string; unitId: string }[]> {
  const rows = await db
    .selectFrom('post_assignments')
    .select(['post', 'unit_id'])
    .where('user_id', '=', userId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .execute();
  return rows.map((r) => ({ post: r.post, unitId: r.unit_id }));
}

export interface DelegationRow {
  id: string;
  principal_id: string;
  deputy_id: string;
  valid_from: Date;
  valid_to: Date;
  reason: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** Delegations (代決) in force at an instant, to or from the given people. */
export async function activeDelegations(
  db: Db,
  at: Date,
  filter: { deputyId?: string; principalIds?: readonly string[] },
): Promise<DelegationRow[]> {
  let q = db
    .selectFrom('request_delegations')
    .select(['id', 'principal_id', 'deputy_id', 'valid_from', 'valid_to', 'reason', 'created_at', 'revoked_at'])
    .where('revoked_at', 'is', null)
    .where('valid_from', '<=', at)
    .where('valid_to', '>', at);
  if (filter.deputyId) q = q.where('deputy_id', '=', filter.deputyId);
  if (filter.principalIds) {
    if (filter.principalIds.length === 0) return [];
    q = q.where('principal_id', 'in', filter.principalIds);
  }
  return q.orderBy('valid_from').execute();
}

export async function insertDelegation(
  db: Db,
  d: { principal_id: string; deputy_id: string; valid_from: Date; valid_to: Date; reason: string; created_at: Date },
): Promise<DelegationRow> {
  return db
    .insertInto('request_delegations')
    .values(d)
    .returning(['id', 'principal_id', 'deputy_id', 'valid_from', 'valid_to', 'reason', 'created_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
}

export async function delegationsOf(db: Db, userId: string) {
  return db
    .selectFrom('request_delegations as d')
    .innerJoin('users as p', 'p.id', 'd.principal_id')
    .innerJoin('users as q', 'q.id', 'd.deputy_id')
    .select([
      'd.id',
      'd.principal_id',
      'd.deputy_id',
      'd.valid_from',
      'd.valid_to',
      'd.reason',
      'd.created_at',
      'd.revoked_at',
      'p.login_id as principal_login_id',
      'p.name as principal_name',
      'q.login_id as deputy_login_id',
      'q.name as deputy_name',
    ])
    .where((eb) => eb.or([eb('d.principal_id', '=', userId), eb('d.deputy_id', '=', userId)]))
    .orderBy('d.valid_from', 'desc')
    .execute();
}

export async function findDelegation(db: Db, id: string): Promise<DelegationRow | undefined> {
  return db
    .selectFrom('request_delegations')
    .select(['id', 'principal_id', 'deputy_id', 'valid_from', 'valid_to', 'reason', 'created_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function revokeDelegation(db: Db, id: string, principalId: string, by: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('request_delegations')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('principal_id', '=', principalId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
