import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type {
  AppRecordRow,
  InquiryRow,
  OutputConfirmationRow,
  OutputEventRow,
  OutputEventsTable,
  OutputMaterialRow,
  OutputMaterialsTable,
} from '../../db/schema-information.js';
import { tokyoYear } from '../requests/numbers.js';
import { nextCounter } from '../requests/repo.js';

/** The only file of the output ledger that touches SQL (the manuals have manuals-repo.ts). */
export type Db = Kysely<Database>;

/** OUT-2: 出第2026-000123号 — gap-free per year (Asia/Tokyo), given in the creating transaction. */
export async function nextOutputNumber(db: Db, at: Date): Promise<string> {
  const year = tokyoYear(at);
  const seq = await nextCounter(db, 'output', year);
  return `出第${year}-${String(seq).padStart(6, '0')}号`;
}

// ── inquiries (read only: the query log is the inquiries module's) ────────────────────────────

export interface InquiryForOutput extends InquiryRow {
  application_code: string;
  application_name: string;
  output_check: 'unit_head' | 'pre_delivery';
  personal_information: boolean;
  application_state: 'development' | 'active' | 'abolished';
}

export async function findInquiry(db: Db, id: string): Promise<InquiryForOutput | undefined> {
  return db
    .selectFrom('inquiries as i')
    .innerJoin('applications as a', 'a.id', 'i.application_id')
    .selectAll('i')
    .select([
      'a.code as application_code',
      'a.name as application_name',
      'a.output_check',
      'a.personal_information',
      'a.state as application_state',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** The records an inquiry returned, read again for the output (never the criteria re-run). */
export async function inquiryRecords(db: Db, inquiryId: string): Promise<AppRecordRow[]> {
  return db
    .selectFrom('inquiry_results as r')
    .innerJoin('app_records as ar', 'ar.id', 'r.record_id')
    .selectAll('ar')
    .where('r.inquiry_id', '=', inquiryId)
    .orderBy('ar.id')
    .execute();
}

// ── materials and their events ─────────────────────────────────────────────────────────────

export type NewMaterial = Omit<Insertable<OutputMaterialsTable>, 'id'>;

export async function insertMaterial(db: Db, m: NewMaterial): Promise<OutputMaterialRow> {
  return db.insertInto('output_materials').values(m).returningAll().executeTakeFirstOrThrow();
}

export type NewEvent = Omit<Insertable<OutputEventsTable>, 'id' | 'seq'>;

/** Appends an event with the next seq of its material; the caller holds the material's row lock. */
export async function appendEvent(db: Db, e: NewEvent): Promise<OutputEventRow> {
  const last = await db
    .selectFrom('output_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('material_id', '=', e.material_id)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  return db
    .insertInto('output_events')
    .values({ ...e, seq })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface MaterialView extends OutputMaterialRow {
  unit_code: string;
  unit_name: string;
  application_code: string;
  application_name: string;
  creator_login_id: string;
  creator_name: string;
}

function materialQuery(db: Db) {
  return db
    .selectFrom('output_materials as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .innerJoin('applications as a', 'a.id', 'm.application_id')
    .innerJoin('users as c', 'c.id', 'm.created_by')
    .selectAll('m')
    .select([
      'u.code as unit_code',
      'u.name as unit_name',
      'a.code as application_code',
      'a.name as application_name',
      'c.login_id as creator_login_id',
      'c.name as creator_name',
    ]);
}

export async function findMaterial(db: Db, id: string): Promise<MaterialView | undefined> {
  return materialQuery(db).where('m.id', '=', id).executeTakeFirst();
}

/** Locks the material until the transaction ends: handlings of one material queue behind each other. */
export async function lockMaterial(db: Db, id: string): Promise<OutputMaterialRow | undefined> {
  return db.selectFrom('output_materials').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setMaterialState(db: Db, id: string, state: OutputMaterialRow['state'], at: Date): Promise<void> {
  await db.updateTable('output_materials').set({ state, last_event_at: at }).where('id', '=', id).execute();
}

export interface EventView extends OutputEventRow {
  handler_login_id: string;
  handler_name: string;
}

export async function eventsOf(db: Db, materialId: string): Promise<EventView[]> {
  return db
    .selectFrom('output_events as e')
    .innerJoin('users as h', 'h.id', 'e.handler_id')
    .selectAll('e')
    .select(['h.login_id as handler_login_id', 'h.name as handler_name'])
    .where('e.material_id', '=', materialId)
    .orderBy('e.seq')
    .execute();
}

export interface ConfirmationView extends OutputConfirmationRow {
  confirmer_login_id: string;
  confirmer_name: string;
}

export async function confirmationsOf(db: Db, materialId: string): Promise<ConfirmationView[]> {
  return db
    .selectFrom('output_confirmations as k')
    .innerJoin('output_events as e', 'e.id', 'k.event_id')
    .innerJoin('users as b', 'b.id', 'k.confirmed_by')
    .selectAll('k')
    .select(['b.login_id as confirmer_login_id', 'b.name as confirmer_name'])
    .where('e.material_id', '=', materialId)
    .orderBy('e.seq')
    .execute();
}

/** OUT-5: the copies made of a material (each a material of its own). */
export async function copiesOf(db: Db, materialId: string): Promise<{ id: string; number: string; state: string }[]> {
  return db.selectFrom('output_materials').select(['id', 'number', 'state']).where('copy_of', '=', materialId).orderBy('number').execute();
}

export async function findEvent(db: Db, eventId: string): Promise<OutputEventRow | undefined> {
  return db.selectFrom('output_events').selectAll().where('id', '=', eventId).executeTakeFirst();
}

export async function latestEvent(db: Db, materialId: string): Promise<OutputEventRow | undefined> {
  return db
    .selectFrom('output_events')
    .selectAll()
    .where('material_id', '=', materialId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function confirmationOf(db: Db, eventId: string): Promise<OutputConfirmationRow | undefined> {
  return db.selectFrom('output_confirmations').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

export async function insertConfirmation(db: Db, c: OutputConfirmationRow): Promise<void> {
  await db.insertInto('output_confirmations').values(c).execute();
}

// ── lists ────────────────────────────────────────────────────────────────────────────────────

export interface ListFilter {
  /** null: every unit (OUT-3 review); otherwise materials the person created or of these units. */
  scope: { userId: string; unitIds: string[] } | null;
  unitCode?: string | undefined;
  state?: OutputMaterialRow['state'] | undefined;
  unconfirmedOnly: boolean;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

export interface ListedMaterial extends MaterialView {
  unconfirmed_events: number;
  oldest_unconfirmed_at: Date | null;
}

/** Events the unit head has still to confirm: every handling of a material in 'unit_head' mode. */
function unconfirmedEvents(db: Db) {
  return db
    .selectFrom('output_events as e')
    .innerJoin('output_materials as mm', 'mm.id', 'e.material_id')
    .leftJoin('output_confirmations as k', 'k.event_id', 'e.id')
    .where('mm.check_mode', '=', 'unit_head')
    .where('k.event_id', 'is', null);
}

export async function listMaterials(db: Db, f: ListFilter): Promise<ListedMaterial[]> {
  const pending = unconfirmedEvents(db)
    .select(['e.material_id', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.min('e.at').as('oldest')])
    .groupBy('e.material_id')
    .as('p');
  let q = materialQuery(db)
    .leftJoin(pending, 'p.material_id', 'm.id')
    .select([sql<string>`coalesce(p.n, 0)`.as('unconfirmed_events'), 'p.oldest as oldest_unconfirmed_at']);
  const scope = f.scope;
  if (scope) {
    q = q.where((eb) =>
      scope.unitIds.length > 0
        ? eb.or([eb('m.created_by', '=', scope.userId), eb('m.unit_id', 'in', scope.unitIds)])
        : eb('m.created_by', '=', scope.userId),
    );
  }
  if (f.unitCode) q = q.where('u.code', '=', f.unitCode);
  if (f.state) q = q.where('m.state', '=', f.state);
  if (f.unconfirmedOnly) q = q.where('p.n', '>', sql<string>`0`);
  // Days are Japan days: from 00:00 JST of `from` to the end of `to`.
  if (f.from) q = q.where('m.created_at', '>=', new Date(`${f.from}T00:00:00+09:00`));
  if (f.to) q = q.where('m.created_at', '<', new Date(new Date(`${f.to}T00:00:00+09:00`).getTime() + 86_400_000));
  const rows = await q.orderBy('m.created_at', 'desc').orderBy('m.number', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ ...r, unconfirmed_events: Number(r.unconfirmed_events) }));
}

export interface OverdueRow {
  unit_code: string;
  unit_name: string;
  events: number;
  materials: number;
  oldest_at: Date;
}

/** OUT-3: per unit, the handlings left unconfirmed since before `before`. */
export async function overdueByUnit(db: Db, before: Date, unitIds: string[] | null): Promise<OverdueRow[]> {
  let q = unconfirmedEvents(db)
    .innerJoin('units as u', 'u.id', 'mm.unit_id')
    .where('e.at', '<', before)
    .select([
      'u.code as unit_code',
      'u.name as unit_name',
      (eb) => eb.fn.countAll<string>().as('events'),
      sql<string>`count(distinct e.material_id)`.as('materials'),
      (eb) => eb.fn.min('e.at').as('oldest_at'),
    ])
    .groupBy(['u.code', 'u.name'])
    .orderBy('u.code');
  if (unitIds) {
    if (unitIds.length === 0) return [];
    q = q.where('mm.unit_id', 'in', unitIds);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, events: Number(r.events), materials: Number(r.materials), oldest_at: r.oldest_at as Date }));
}

export async function unitIdsByCode(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('code', 'in', [...codes])
    .execute();
  return rows.map((r) => r.id);
}

// ── 様式7 temporary output effects (APP-11) ───────────────────────────────────────────────────

export async function findApplicationByCode(
  db: Db,
  code: string,
): Promise<
  { id: string; code: string; state: string; output_check: 'unit_head' | 'pre_delivery'; business_unit_id: string | null } | undefined
> {
  return db
    .selectFrom('applications')
    .select(['id', 'code', 'state', 'output_check', 'business_unit_id'])
    .where('code', '=', code)
    .executeTakeFirst();
}
