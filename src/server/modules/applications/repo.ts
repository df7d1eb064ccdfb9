import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AppRecordsTable, RecordImportsTable } from '../../db/schema-information.js';

export type Db = Kysely<Database>;

/** The only place the applications module touches SQL. */

export async function listApplications(db: Db) {
  return db.selectFrom('applications').selectAll().orderBy('code').execute();
}

export async function findApplicationByCode(db: Db, code: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom('applications').selectAll().where('code', '=', code);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findBusinessUnit(db: Db, unitId: string | null) {
  if (unitId === null) return undefined;
  return db.selectFrom('units').select(['code', 'name']).where('id', '=', unitId).executeTakeFirst();
}

export async function listVersions(db: Db, applicationId: string) {
  return db
    .selectFrom('application_versions as v')
    .leftJoin('requests as r', 'r.id', 'v.request_id')
    .leftJoin('users as u', 'u.id', 'v.changed_by')
    .select(['v.version', 'v.snapshot', 'v.changed_at', 'r.number as request_number', 'u.login_id as changed_by_login_id'])
    .where('v.application_id', '=', applicationId)
    .orderBy('v.version')
    .execute();
}

export interface NewApplication {
  code: string;
  name: string;
  personal_information: boolean;
  classification: number;
  business_unit_id: string | null;
  particulars: Record<string, unknown>;
  access_criteria: Record<string, unknown>;
  purpose_codes: unknown[];
  max_people: number;
  output_check: 'unit_head' | 'pre_delivery';
  request_id: string;
  at: Date;
}

export async function insertApplication(db: Db, a: NewApplication) {
  return db
    .insertInto('applications')
    .values({
      code: a.code,
      name: a.name,
      state: 'active',
      personal_information: a.personal_information,
      classification: a.classification,
      business_unit_id: a.business_unit_id,
      particulars: JSON.stringify(a.particulars),
      access_criteria: JSON.stringify(a.access_criteria),
      purpose_codes: JSON.stringify(a.purpose_codes),
      max_people: a.max_people,
      output_check: a.output_check,
      version: 1,
      request_id: a.request_id,
      created_at: a.at,
      updated_at: a.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateSettings(
  db: Db,
  id: string,
  a: Omit<NewApplication, 'code' | 'business_unit_id' | 'request_id'> & { version: number },
) {
  return db
    .updateTable('applications')
    .set({
      name: a.name,
      personal_information: a.personal_information,
      classification: a.classification,
      particulars: JSON.stringify(a.particulars),
      access_criteria: JSON.stringify(a.access_criteria),
      purpose_codes: JSON.stringify(a.purpose_codes),
      max_people: a.max_people,
      output_check: a.output_check,
      version: a.version,
      updated_at: a.at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markAbolished(db: Db, id: string, version: number, on: string, at: Date) {
  return db
    .updateTable('applications')
    .set({ state: 'abolished', abolished_on: on, version, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(
  db: Db,
  v: {
    application_id: string;
    version: number;
    snapshot: Record<string, unknown>;
    request_id: string;
    changed_by: string | null;
    at: Date;
  },
) {
  await db
    .insertInto('application_versions')
    .values({
      application_id: v.application_id,
      version: v.version,
      snapshot: JSON.stringify(v.snapshot),
      request_id: v.request_id,
      changed_by: v.changed_by,
      changed_at: v.at,
    })
    .execute();
}

/** APP-2: the open use rights of an abolished application end with it. Returns how many ended. */
export async function endRightsOfApplication(db: Db, applicationId: string, e: { at: Date; by: string | null; requestId: string }) {
  const rows = await db
    .updateTable('use_rights')
    .set({ ended_at: e.at, end_reason: 'abolished', ended_by: e.by, end_request_id: e.requestId })
    .where('application_id', '=', applicationId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

/** Whether anything was built on an application: records, use rights (open or ended), query records. */
export async function hasDependents(db: Db, applicationId: string): Promise<boolean> {
  const [record, right, inquiry] = await Promise.all([
    db.selectFrom('app_records').select('id').where('application_id', '=', applicationId).limit(1).executeTakeFirst(),
    db.selectFrom('use_rights').select('id').where('application_id', '=', applicationId).limit(1).executeTakeFirst(),
    db.selectFrom('inquiries').select('id').where('application_id', '=', applicationId).limit(1).executeTakeFirst(),
  ]);
  return record !== undefined || right !== undefined || inquiry !== undefined;
}

// ── effects of approved requests (request_effects_pending) ────────────────────────────────────

export async function listOpenEffects(db: Db, typeCodes: readonly string[]) {
  return db
    .selectFrom('request_effects_pending as e')
    .innerJoin('requests as r', 'r.id', 'e.request_id')
    .innerJoin('users as u', 'u.id', 'r.applicant_id')
    .innerJoin('units as un', 'un.id', 'r.applicant_unit_id')
    .select([
      'e.id',
      'e.effect',
      'e.type_code',
      'e.payload',
      'e.created_at',
      'r.id as request_id',
      'r.number as request_number',
      'r.state as request_state',
      'u.login_id as applicant_login_id',
      'u.name as applicant_name',
      'un.code as unit_code',
      'un.name as unit_name',
    ])
    .where('e.processed_at', 'is', null)
    .where('e.type_code', 'in', [...typeCodes])
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/** Open effects of one request other than `exceptId`, locked (a cancellation closes them too). */
export async function lockOpenEffectsOfRequest(db: Db, requestId: string, exceptId: string) {
  return db
    .selectFrom('request_effects_pending')
    .select(['id', 'effect'])
    .where('request_id', '=', requestId)
    .where('id', '!=', exceptId)
    .where('processed_at', 'is', null)
    .forUpdate()
    .execute();
}

// ── record imports (様式6, APP-11, APP-12) ──────────────────────────────────────────────────

/** A record_imports row: a 様式6 file, or the demo seed (format 'seed', no request). */
export async function insertImport(db: Db, i: Omit<Insertable<RecordImportsTable>, 'id'>) {
  return db.insertInto('record_imports').values(i).returning('id').executeTakeFirstOrThrow();
}

/** Rows go in chunks: one statement per few hundred rows keeps the parameter count far below the limit. */
const CHUNK = 500;

export async function insertRecords(db: Db, rows: Insertable<AppRecordsTable>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('app_records')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}
