import { type Kysely, sql } from 'kysely';
import type { Database, RequestDecisionRow, RequestRow, RequestStageRow } from '../../db/schema.js';

export type Db = Kysely<Database>;

/** Next gap-free number of a kind in a year: the counter row is locked until the transaction ends. */
export async function nextCounter(db: Db, kind: string, year: number): Promise<number> {
  const row = await db
    .insertInto('request_counters')
    .values({ kind, year, last_value: 1 })
    .onConflict((oc) => oc.columns(['kind', 'year']).doUpdateSet({ last_value: sql`request_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export interface NewRequest {
  number: string;
  type_code: string;
  applicant_id: string;
  applicant_unit_id: string;
  beneficiary_id: string | null;
  fields: Record<string, unknown>;
  at: Date;
}

export async function insertRequest(db: Db, r: NewRequest): Promise<RequestRow> {
  return db
    .insertInto('requests')
    .values({
      number: r.number,
      type_code: r.type_code,
      state: 'draft',
      applicant_id: r.applicant_id,
      applicant_unit_id: r.applicant_unit_id,
      beneficiary_id: r.beneficiary_id,
      fields: JSON.stringify(r.fields),
      created_at: r.at,
      updated_at: r.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRequest(db: Db, idOrNumber: string): Promise<RequestRow | undefined> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrNumber);
  return db
    .selectFrom('requests')
    .selectAll()
    .where(isUuid ? 'id' : 'number', '=', idOrNumber)
    .executeTakeFirst();
}

/** Locks the request row until the transaction ends: concurrent transitions queue behind it. */
export async function lockRequest(db: Db, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type RequestPatch = Partial<
  Pick<
    RequestRow,
    | 'state'
    | 'beneficiary_id'
    | 'round'
    | 'current_position'
    | 'stage_entered_at'
    | 'stage_due_at'
    | 'last_reminded_at'
    | 'submitted_at'
    | 'decided_at'
    | 'emergency'
    | 'oral_at'
    | 'paperwork_due_at'
    | 'paperwork_done_at'
    | 'effect_applied_at'
    | 'valid_to'
  >
> & { fields?: Record<string, unknown> };

export async function updateRequest(db: Db, id: string, patch: RequestPatch, at: Date): Promise<RequestRow> {
  const { fields, ...rest } = patch;
  return db
    .updateTable('requests')
    .set({ ...rest, ...(fields !== undefined ? { fields: JSON.stringify(fields) } : {}), updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** CON-3: the request whose 持込許可証 a change or abolition ends, fixed at submission. */
export async function setSupersedes(db: Db, id: string, supersedesRequestId: string | null): Promise<void> {
  await db.updateTable('requests').set({ supersedes_request_id: supersedesRequestId }).where('id', '=', id).execute();
}

export async function supersedesOf(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('requests').select('supersedes_request_id').where('id', '=', id).executeTakeFirst();
  return row?.supersedes_request_id ?? null;
}

export type NewStage = Omit<RequestStageRow, 'id'>;

export async function insertStages(db: Db, stages: NewStage[]): Promise<RequestStageRow[]> {
  if (stages.length === 0) return [];
  return db.insertInto('request_stages').values(stages).returningAll().execute();
}

export async function stagesOf(db: Db, requestId: string, round?: number): Promise<RequestStageRow[]> {
  let q = db.selectFrom('request_stages').selectAll().where('request_id', '=', requestId);
  if (round !== undefined) q = q.where('round', '=', round);
  return q.orderBy('round').orderBy('seq').execute();
}

export async function insertDecision(db: Db, d: Omit<RequestDecisionRow, 'id' | 'seq'>): Promise<RequestDecisionRow> {
  return db.insertInto('request_decisions').values(d).returningAll().executeTakeFirstOrThrow();
}

export async function decisionsOf(db: Db, requestId: string): Promise<RequestDecisionRow[]> {
  return db.selectFrom('request_decisions').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
}

export async function insertHistory(
  db: Db,
  h: {
    request_id: string;
    at: Date;
    actor_id: string | null;
    on_behalf_of_id?: string | null;
    action: string;
    from_state: string | null;
    to_state: string | null;
    round: number;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('request_history')
    .values({ ...h, on_behalf_of_id: h.on_behalf_of_id ?? null, details: JSON.stringify(h.details ?? {}) })
    .execute();
}

export async function historyOf(db: Db, requestId: string) {
  return db
    .selectFrom('request_history as h')
    .leftJoin('users as a', 'a.id', 'h.actor_id')
    .leftJoin('users as b', 'b.id', 'h.on_behalf_of_id')
    .select([
      'h.id',
      'h.at',
      'h.action',
      'h.from_state',
      'h.to_state',
      'h.round',
      'h.details',
      'a.login_id as actor_login_id',
      'a.name as actor_name',
      'b.login_id as on_behalf_of_login_id',
      'b.name as on_behalf_of_name',
    ])
    .where('h.request_id', '=', requestId)
    .orderBy('h.seq')
    .execute();
}

/** APP-5: states in which the written application of an oral approval is still owed. */
export const PAPERWORK_OWED_STATES = ['approved', 'expired'] as const;

export interface RequestFilter {
  typeCode?: string | undefined;
  state?: string | undefined;
  /** Only requests this person applied for or benefits from. */
  personId?: string | undefined;
  ids?: readonly string[] | undefined;
  paperworkOverdueAt?: Date | undefined;
  limit: number;
  offset: number;
}

export async function listRequests(db: Db, filter: RequestFilter): Promise<RequestRow[]> {
  let q = db.selectFrom('requests').selectAll();
  if (filter.typeCode) q = q.where('type_code', '=', filter.typeCode);
  if (filter.state) q = q.where('state', '=', filter.state);
  if (filter.personId) {
    const person = filter.personId;
    q = q.where((eb) => eb.or([eb('applicant_id', '=', person), eb('beneficiary_id', '=', person)]));
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  if (filter.paperworkOverdueAt) {
    // APP-5: paperwork is owed only while the oral approval stands (not once cancelled).
    q = q
      .where('emergency', '=', true)
      .where('state', 'in', PAPERWORK_OWED_STATES)
      .where('paperwork_done_at', 'is', null)
      .where('paperwork_due_at', '<', filter.paperworkOverdueAt);
  }
  return q.orderBy('created_at', 'desc').orderBy('number', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

export interface OpenStageRow {
  request_id: string;
  stage_id: string;
  kind: string;
  rule_kind: string;
  post: string | null;
  unit_id: string | null;
  role: string | null;
}

/** Undecided stages at the current position of every submitted request (the inboxes' raw material). */
export async function openStages(db: Db, filter: { roles: readonly string[]; posts: readonly { post: string; unitId: string }[] }) {
  if (filter.roles.length === 0 && filter.posts.length === 0) return [] as OpenStageRow[];
  return db
    .selectFrom('requests as r')
    .innerJoin('request_stages as s', (j) =>
      j.onRef('s.request_id', '=', 'r.id').onRef('s.round', '=', 'r.round').onRef('s.position', '=', 'r.current_position'),
    )
    .select(['r.id as request_id', 's.id as stage_id', 's.kind', 's.rule_kind', 's.post', 's.unit_id', 's.role'])
    .where('r.state', '=', 'submitted')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('request_decisions as d').select('d.id').whereRef('d.stage_id', '=', 's.id'))),
    )
    .where((eb) => {
      const any = [];
      if (filter.roles.length > 0) any.push(eb.and([eb('s.rule_kind', '=', 'role'), eb('s.role', 'in', filter.roles)]));
      for (const p of filter.posts) {
        any.push(eb.and([eb('s.rule_kind', '=', 'post'), eb('s.post', '=', p.post), eb('s.unit_id', '=', p.unitId)]));
      }
      return eb.or(any);
    })
    .execute();
}

/** Submitted requests whose current stage is past its due time (reminders, overdue report). */
export async function overdueRequests(db: Db, at: Date): Promise<RequestRow[]> {
  return db
    .selectFrom('requests')
    .selectAll()
    .where('state', '=', 'submitted')
    .where('stage_due_at', '<', at)
    .orderBy('stage_due_at')
    .execute();
}

/** Approved requests whose period of validity ended before `date` (YYYY-MM-DD). */
export async function lapsedRequests(db: Db, date: string): Promise<RequestRow[]> {
  return db.selectFrom('requests').selectAll().where('state', '=', 'approved').where('valid_to', '<', date).execute();
}

export async function flaggedDecisions(db: Db, limit: number) {
  return db
    .selectFrom('request_decisions as d')
    .innerJoin('requests as r', 'r.id', 'd.request_id')
    .innerJoin('users as u', 'u.id', 'd.decider_id')
    .select([
      'd.id',
      'd.request_id',
      'r.number',
      'r.type_code',
      'd.decision',
      'd.decider_post',
      'd.override_reason',
      'd.decided_at',
      'u.login_id as decider_login_id',
      'u.name as decider_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('request_decision_reviews as v')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('v.decision_id', '=', 'd.id')
        .as('reviews'),
    )
    .where('d.flagged', '=', true)
    .orderBy('d.decided_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findDecision(db: Db, id: string): Promise<RequestDecisionRow | undefined> {
  return db.selectFrom('request_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReview(db: Db, r: { decision_id: string; reviewer_id: string; comment: string; reviewed_at: Date }) {
  await db.insertInto('request_decision_reviews').values(r).execute();
}

/** Names and units of people, for presenting a request (one query for all ids). */
export async function peopleByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'login_id', 'name']).where('id', 'in', ids).execute();
}

export async function unitsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('units').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}

export async function stagesForRequests(db: Db, ids: readonly string[]): Promise<RequestStageRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('request_stages').selectAll().where('request_id', 'in', ids).orderBy('round').orderBy('seq').execute();
}

export async function decisionsForRequests(db: Db, ids: readonly string[]): Promise<RequestDecisionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('request_decisions').selectAll().where('request_id', 'in', ids).orderBy('seq').execute();
}

/** Requests approved on an oral application by this person, in person or as deputy (APP-5). */
export async function oralRequestIdsDecidedBy(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('request_decisions')
    .select('request_id')
    .where('emergency', '=', true)
    .where((eb) => eb.or([eb('decider_id', '=', userId), eb('on_behalf_of_id', '=', userId)]))
    .execute();
  return rows.map((r) => r.request_id);
}
