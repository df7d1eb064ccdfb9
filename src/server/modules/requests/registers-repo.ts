import type { Db } from './repo.js';

/** What approvals leave behind: permits (CON-3), the external-service register (GOV-2), the effect queue. */

export async function insertPermit(
  db: Db,
  p: { request_id: string; number: string; year: number; seq: number; valid_from: string; valid_to: string; issued_at: Date },
) {
  return db.insertInto('request_permits').values(p).returningAll().executeTakeFirstOrThrow();
}

export async function permitOf(db: Db, requestId: string) {
  return db.selectFrom('request_permits').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

/**
 * Revokes the permit issued by one request (never by number alone: numbers are quoted as free text
 * on forms, CON-3). `number`, when given, must match as well. Returns the numbers revoked.
 */
export async function revokePermit(db: Db, where: { requestId: string; number?: string | undefined }, at: Date): Promise<string[]> {
  let q = db
    .updateTable('request_permits')
    .set({ revoked_at: at })
    .where('revoked_at', 'is', null)
    .where('request_id', '=', where.requestId);
  if (where.number !== undefined) q = q.where('number', '=', where.number);
  const rows = await q.returning('number').execute();
  return rows.map((r) => r.number);
}

/**
 * CON-3: the permit a change or abolition quotes — in force on `date` (not revoked, period not over,
 * its request still approved) and issued to the same unit as the new application.
 */
export async function activePermitOfUnit(db: Db, number: string, unitId: string, date: string) {
  return db
    .selectFrom('request_permits as p')
    .innerJoin('requests as r', 'r.id', 'p.request_id')
    .select(['p.request_id', 'p.number', 'p.valid_to'])
    .where('p.number', '=', number)
    .where('p.revoked_at', 'is', null)
    .where('p.valid_to', '>=', date)
    .where('r.state', '=', 'approved')
    .where('r.applicant_unit_id', '=', unitId)
    .executeTakeFirst();
}

export async function insertExternalService(
  db: Db,
  s: {
    request_id: string;
    name: string;
    kind: string;
    max_confidentiality: number;
    manager_id: string;
    unit_id: string;
    approved_at: Date;
  },
) {
  return db.insertInto('external_services').values(s).returningAll().executeTakeFirstOrThrow();
}

const SERVICE_COLUMNS = [
  's.id',
  's.request_id',
  's.name',
  's.kind',
  's.max_confidentiality',
  's.approved_at',
  's.state',
  's.ended_at',
  's.deletion_confirmed_at',
  's.end_note',
  's.manager_id',
  'm.login_id as manager_login_id',
  'm.name as manager_name',
  'u.code as unit_code',
  'u.name as unit_name',
  'r.number as request_number',
] as const;

export async function listExternalServices(db: Db, filter: { state?: string | undefined }) {
  let q = db
    .selectFrom('external_services as s')
    .innerJoin('users as m', 'm.id', 's.manager_id')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .innerJoin('requests as r', 'r.id', 's.request_id')
    .select(SERVICE_COLUMNS);
  if (filter.state) q = q.where('s.state', '=', filter.state as 'in_use' | 'ended' | 'cancelled');
  return q.orderBy('s.approved_at', 'desc').limit(1000).execute();
}

export async function findExternalService(db: Db, id: string) {
  return db
    .selectFrom('external_services as s')
    .innerJoin('users as m', 'm.id', 's.manager_id')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .innerJoin('requests as r', 'r.id', 's.request_id')
    .select(SERVICE_COLUMNS)
    .where('s.id', '=', id)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function serviceOfRequest(db: Db, requestId: string) {
  return db.selectFrom('external_services').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export async function updateExternalService(
  db: Db,
  id: string,
  patch: {
    state?: 'in_use' | 'ended' | 'cancelled';
    ended_at?: Date;
    ended_by?: string;
    deletion_confirmed_at?: Date;
    deletion_confirmed_by?: string;
    end_note?: string;
  },
) {
  await db.updateTable('external_services').set(patch).where('id', '=', id).execute();
}

export async function cancelServiceOfRequest(db: Db, requestId: string, at: Date) {
  await db
    .updateTable('external_services')
    .set({ state: 'cancelled', ended_at: at })
    .where('request_id', '=', requestId)
    .where('state', '=', 'in_use')
    .execute();
}

export async function queueEffect(
  db: Db,
  e: { request_id: string; type_code: string; effect: string; payload: Record<string, unknown>; created_at: Date },
) {
  await db
    .insertInto('request_effects_pending')
    .values({ ...e, payload: JSON.stringify(e.payload) })
    .execute();
}

export async function effectsOf(db: Db, requestId: string) {
  return db
    .selectFrom('request_effects_pending')
    .select(['id', 'effect', 'payload', 'created_at', 'processed_at'])
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
}

/**
 * Marks a queued effect processed: when, by whom (null for an operator at the CLI) and what came of
 * it. Called in the transaction that did the work, after the row was locked, so it happens once.
 */
export async function markEffectProcessed(
  db: Db,
  effectId: string,
  e: { at: Date; by: string | null; outcome: Record<string, unknown> },
): Promise<void> {
  await db
    .updateTable('request_effects_pending')
    .set({ processed_at: e.at, processed_by: e.by, outcome: JSON.stringify(e.outcome) })
    .where('id', '=', effectId)
    .execute();
}

/**
 * Locks a queued effect together with its request, the request first: a 取消 (which changes the
 * request under its row lock) and the processing of any of the request's effects then happen one
 * after the other, never interleaved, and two processors of one request's effects queue on the
 * same row instead of deadlocking. Answers the effect with what processing needs of its request.
 */
export async function lockEffectWithRequest(db: Db, effectId: string) {
  const owner = await db.selectFrom('request_effects_pending').select('request_id').where('id', '=', effectId).executeTakeFirst();
  if (!owner) return undefined;
  await db.selectFrom('requests').select('id').where('id', '=', owner.request_id).forUpdate().execute();
  return effectWithRequestQuery(db, effectId).forUpdate('e').executeTakeFirst();
}

/** The same read without locks: checks made before the processing transaction (the import's validation). */
export async function findEffectWithRequest(db: Db, effectId: string) {
  return effectWithRequestQuery(db, effectId).executeTakeFirst();
}

function effectWithRequestQuery(db: Db, effectId: string) {
  return db
    .selectFrom('request_effects_pending as e')
    .innerJoin('requests as r', 'r.id', 'e.request_id')
    .select([
      'e.id',
      'e.effect',
      'e.type_code',
      'e.payload',
      'e.processed_at',
      'e.request_id',
      'r.number as request_number',
      'r.state as request_state',
      'r.fields',
      'r.applicant_unit_id',
    ])
    .where('e.id', '=', effectId);
}
