import type { Insertable } from 'kysely';
import type { ManualEventsTable, ManualRow, ManualsTable } from '../../db/schema-information.js';
import { tokyoYear } from '../requests/numbers.js';
import { nextCounter } from '../requests/repo.js';
import type { Db } from './repo.js';

/** SQL of the manuals ledger (取扱説明書, OUT-7). */

/** 取説第2026-0001号 — gap-free per year, given in the registering transaction. */
export async function nextManualNumber(db: Db, at: Date): Promise<string> {
  const year = tokyoYear(at);
  const seq = await nextCounter(db, 'manual', year);
  return `取説第${year}-${String(seq).padStart(4, '0')}号`;
}

export async function insertManual(db: Db, m: Omit<Insertable<ManualsTable>, 'id'>): Promise<ManualRow> {
  return db.insertInto('manuals').values(m).returningAll().executeTakeFirstOrThrow();
}

export async function lockManual(db: Db, id: string): Promise<ManualRow | undefined> {
  return db.selectFrom('manuals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateManual(db: Db, id: string, patch: Pick<ManualRow, 'state' | 'copies' | 'last_event_at'>): Promise<void> {
  await db.updateTable('manuals').set(patch).where('id', '=', id).execute();
}

export async function appendManualEvent(db: Db, e: Omit<Insertable<ManualEventsTable>, 'id' | 'seq'>) {
  const last = await db
    .selectFrom('manual_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('manual_id', '=', e.manual_id)
    .executeTakeFirst();
  return db
    .insertInto('manual_events')
    .values({ ...e, seq: Number(last?.seq ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function manualQuery(db: Db) {
  return db
    .selectFrom('manuals as m')
    .innerJoin('applications as a', 'a.id', 'm.application_id')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .selectAll('m')
    .select(['a.code as application_code', 'a.name as application_name', 'u.code as unit_code', 'u.name as unit_name']);
}

export type ManualView = Awaited<ReturnType<typeof listManuals>>[number];

export async function listManuals(db: Db) {
  return manualQuery(db).orderBy('m.number').execute();
}

export async function findManual(db: Db, id: string) {
  return manualQuery(db).where('m.id', '=', id).executeTakeFirst();
}

export async function manualEvents(db: Db, manualId: string) {
  return db
    .selectFrom('manual_events as e')
    .innerJoin('users as h', 'h.id', 'e.handler_id')
    .leftJoin('users as r', 'r.id', 'e.recipient_id')
    .selectAll('e')
    .select(['h.login_id as handler_login_id', 'h.name as handler_name', 'r.login_id as recipient_login_id', 'r.name as recipient_name'])
    .where('e.manual_id', '=', manualId)
    .orderBy('e.seq')
    .execute();
}

export async function findActiveUserByLogin(db: Db, loginId: string): Promise<{ id: string; login_id: string } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'login_id'])
    .where((eb) => eb(eb.fn('lower', ['login_id']), '=', loginId.toLowerCase()))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/**
 * OUT-7 (AIC 第9-1): involved in an application today — a holder of an open use right for it, a
 * member of its business unit, or システム管理者.
 */
export async function isInvolved(db: Db, userId: string, application: { id: string; business_unit_id: string | null }, today: string) {
  const admin = await db
    .selectFrom('role_assignments')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'system_admin')
    .executeTakeFirst();
  if (admin) return true;
  const right = await db
    .selectFrom('use_rights')
    .select('id')
    .where('user_id', '=', userId)
    .where('application_id', '=', application.id)
    .where('ended_at', 'is', null)
    .where('valid_from', '<=', today)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
    .executeTakeFirst();
  if (right) return true;
  if (!application.business_unit_id) return false;
  const member = await db
    .selectFrom('user_assignments')
    .select('id')
    .where('user_id', '=', userId)
    .where('unit_id', '=', application.business_unit_id)
    .where('valid_from', '<=', today)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)]))
    .executeTakeFirst();
  return member !== undefined;
}
