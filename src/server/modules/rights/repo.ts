import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { UseRightEndReason, UseRightKind, UseRightRow } from '../../db/schema-information.js';

export type Db = Kysely<Database>;

/** What the usability rules look at: the right, its holder, its application and its contract. */
export interface RightFacts {
  right: UseRightRow;
  applicationCode: string;
  applicationName: string;
  applicationState: string;
  employmentType: string;
  retiredOn: string | null;
  disabled: boolean;
  contract: { validFrom: string; validTo: string; ended: boolean; applicationCodes: string[] } | null;
}

const RIGHT_COLUMNS = [
  'r.id',
  'r.user_id',
  'r.application_id',
  'r.kind',
  'r.unit_id',
  'r.assignment_id',
  'r.contract_id',
  'r.access_scope',
  'r.dispatch_name',
  'r.valid_from',
  'r.valid_to',
  'r.grant_request_id',
  'r.paperwork_due_on',
  'r.registered_by',
  'r.registered_at',
  'r.ended_at',
  'r.end_reason',
  'r.end_request_id',
  'r.ended_by',
] as const;

/** The holder, application and contract columns beside the right's, over aliases r, u, a, c. */
const FACT_COLUMNS = [
  'a.code as application_code',
  'a.name as application_name',
  'a.state as application_state',
  'u.employment_type',
  'u.retired_on',
  'u.disabled_at',
  'c.valid_from as contract_valid_from',
  'c.valid_to as contract_valid_to',
  'c.ended_at as contract_ended_at',
  'c.application_codes as contract_codes',
] as const;

/** Everything toFacts reads, for a query that joins use_rights r, users u, applications a, contracts c. */
export const RIGHT_FACT_COLUMNS = [...RIGHT_COLUMNS, ...FACT_COLUMNS] as const;

function factsQuery(db: Db) {
  return db
    .selectFrom('use_rights as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('applications as a', 'a.id', 'r.application_id')
    .leftJoin('contracts as c', 'c.id', 'r.contract_id')
    .select(RIGHT_FACT_COLUMNS);
}

export type FactsRow = Awaited<ReturnType<ReturnType<typeof factsQuery>['execute']>>[number];

export function toFacts(row: FactsRow): RightFacts {
  const {
    application_code,
    application_name,
    application_state,
    employment_type,
    retired_on,
    disabled_at,
    contract_valid_from,
    contract_valid_to,
    contract_ended_at,
    contract_codes,
    ...right
  } = row;
  return {
    right,
    applicationCode: application_code,
    applicationName: application_name,
    applicationState: application_state,
    employmentType: employment_type,
    retiredOn: retired_on,
    disabled: disabled_at !== null,
    contract:
      contract_valid_from !== null && contract_valid_to !== null
        ? {
            validFrom: contract_valid_from,
            validTo: contract_valid_to,
            ended: contract_ended_at !== null,
            applicationCodes: contract_codes ?? [],
          }
        : null,
  };
}

/** How many of one person's rights for one application are judged. */
const RIGHTS_READ = 20;

/**
 * The order the usability rules read one person's rights for one application in (use_rights as r):
 * open ones first, newest first — the first refusal among them is the one reported.
 */
export function openNewestFirst<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return query.orderBy(sql`r.ended_at IS NULL`, 'desc').orderBy(sql`r.registered_at`, 'desc').limit(RIGHTS_READ);
}

/**
 * The rights one person holds for one application, open ones first, newest first: one index read
 * (use_rights_user_idx) joined to the holder, application and contract rows by primary key.
 */
export async function rightFactsFor(db: Db, userId: string, applicationId: string): Promise<RightFacts[]> {
  const rows = await openNewestFirst(
    factsQuery(db).where('r.user_id', '=', userId).where('r.application_id', '=', applicationId),
  ).execute();
  return rows.map(toFacts);
}

/** Every open right of one person (their own list). */
export async function openRightFactsOfUser(db: Db, userId: string): Promise<RightFacts[]> {
  const rows = await factsQuery(db).where('r.user_id', '=', userId).where('r.ended_at', 'is', null).orderBy('a.code').execute();
  return rows.map(toFacts);
}

/** APP-6: whether the person has a contract in force on `date` that covers the application. */
export async function hasContractCovering(db: Db, userId: string, applicationCode: string, date: string): Promise<boolean> {
  return (await contractCovering(db, userId, applicationCode, date)) !== undefined;
}

export async function contractCovering(db: Db, userId: string, applicationCode: string, date: string) {
  return db
    .selectFrom('contracts')
    .selectAll()
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('valid_from', '<=', date)
    .where('valid_to', '>=', date)
    .where(sql<boolean>`${applicationCode} = ANY(application_codes)`)
    .orderBy('valid_to', 'desc')
    .executeTakeFirst();
}

// ── effects of approved requests (様式3/4/5) ───────────────────────────────────────────────────

export async function findEffect(db: Db, id: string) {
  return db
    .selectFrom('request_effects_pending as e')
    .innerJoin('requests as q', 'q.id', 'e.request_id')
    .innerJoin('units as au', 'au.id', 'q.applicant_unit_id')
    .select([
      'e.id',
      'e.request_id',
      'e.type_code',
      'e.effect',
      'e.payload',
      'e.created_at',
      'e.processed_at',
      'q.number as request_number',
      'q.state as request_state',
      'q.fields as request_fields',
      'q.beneficiary_id',
      'q.applicant_unit_id',
      'au.code as applicant_unit_code',
      'q.oral_at',
      'q.paperwork_due_at',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export type EffectRow = NonNullable<Awaited<ReturnType<typeof findEffect>>>;

/** Locks the queue row until the transaction ends: a second registration waits, then sees it processed. */

/** Other open queue rows of the same request (a cancellation closes them: nothing is left to register). */
export async function closeSiblingEffects(db: Db, requestId: string, exceptId: string, at: Date, by: string | null) {
  const rows = await db
    .updateTable('request_effects_pending')
    .set({ processed_at: at, processed_by: by, outcome: JSON.stringify({ cancelled: true }) })
    .where('request_id', '=', requestId)
    .where('id', '!=', exceptId)
    .where('processed_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

const USE_RIGHT_TYPES = ['aic4_use_right', 'aic5_dispatch_use_right'] as const;

/**
 * Open use-right effects a unit's registrar registers: 様式4 for the applicant unit, 様式5 for the
 * host unit named in the fields (APP-3, APP-4).
 */
export async function openUseRightEffectsOfUnit(db: Db, unitId: string, unitCode: string) {
  return db
    .selectFrom('request_effects_pending as e')
    .innerJoin('requests as q', 'q.id', 'e.request_id')
    .leftJoin('users as b', 'b.id', 'q.beneficiary_id')
    .select([
      'e.id',
      'e.type_code',
      'e.effect',
      'e.created_at',
      'q.id as request_id',
      'q.number as request_number',
      'q.fields as request_fields',
      'q.oral_at',
      'q.paperwork_due_at',
      'b.login_id as beneficiary_login_id',
      'b.name as beneficiary_name',
    ])
    .where('e.processed_at', 'is', null)
    .where('e.type_code', 'in', USE_RIGHT_TYPES)
    .where((eb) =>
      eb.or([
        eb.and([eb('e.type_code', '=', 'aic4_use_right'), eb('q.applicant_unit_id', '=', unitId)]),
        eb.and([eb('e.type_code', '=', 'aic5_dispatch_use_right'), eb(sql<string>`q.fields->>'hostUnitCode'`, '=', unitCode)]),
      ]),
    )
    .orderBy('e.created_at')
    .execute();
}

// ── use rights ────────────────────────────────────────────────────────────────────────────────

export interface NewUseRight {
  user_id: string;
  application_id: string;
  kind: UseRightKind;
  unit_id: string;
  assignment_id: string | null;
  contract_id: string | null;
  access_scope: string;
  dispatch_name: string | null;
  valid_from: string;
  valid_to: string | null;
  grant_request_id: string | null;
  paperwork_due_on: string | null;
  registered_by: string | null;
  registered_at: Date;
}

export async function insertRight(db: Db, row: NewUseRight): Promise<string> {
  const inserted = await db.insertInto('use_rights').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function openRightIds(
  db: Db,
  where: { userId: string; applicationId: string; kinds: readonly UseRightKind[]; unitId?: string | undefined },
): Promise<string[]> {
  let q = db
    .selectFrom('use_rights')
    .select('id')
    .where('user_id', '=', where.userId)
    .where('application_id', '=', where.applicationId)
    .where('kind', 'in', where.kinds)
    .where('ended_at', 'is', null);
  if (where.unitId) q = q.where('unit_id', '=', where.unitId);
  return (await q.forUpdate().execute()).map((r) => r.id);
}

export async function openRightIdsOfGrant(db: Db, requestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('use_rights')
    .select('id')
    .where('grant_request_id', '=', requestId)
    .where('ended_at', 'is', null)
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** Ends open rights (never deletes them); returns the ids actually ended. */
export async function endRights(
  db: Db,
  ids: readonly string[],
  end: { at: Date; reason: UseRightEndReason; by: string | null; requestId: string | null },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('use_rights')
    .set({ ended_at: end.at, end_reason: end.reason, ended_by: end.by, end_request_id: end.requestId })
    .where('id', 'in', ids)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function findApplicationByCode(db: Db, code: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'code', 'name', 'state', 'access_criteria'])
    .where('code', '=', code)
    .executeTakeFirst();
}

const LIST_COLUMNS = [
  'r.id',
  'r.kind',
  'r.access_scope',
  'r.dispatch_name',
  'r.valid_from',
  'r.valid_to',
  'r.paperwork_due_on',
  'r.registered_at',
  'r.ended_at',
  'r.end_reason',
  'a.code as application_code',
  'a.name as application_name',
  'un.code as unit_code',
  'un.name as unit_name',
  'u.login_id',
  'u.name as user_name',
  'gr.number as grant_request_number',
] as const;

function listQuery(db: Db) {
  return db
    .selectFrom('use_rights as r')
    .innerJoin('applications as a', 'a.id', 'r.application_id')
    .innerJoin('units as un', 'un.id', 'r.unit_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('requests as gr', 'gr.id', 'r.grant_request_id')
    .select(LIST_COLUMNS);
}

export type RightListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

/** Who holds which right at a unit (APP-3 unit view), open ones unless `includeEnded`. */
export async function rightsOfUnit(db: Db, unitId: string, includeEnded: boolean): Promise<RightListRow[]> {
  let q = listQuery(db).where('r.unit_id', '=', unitId);
  if (!includeEnded) q = q.where('r.ended_at', 'is', null);
  return q.orderBy('u.login_id').orderBy('a.code').orderBy('r.registered_at').limit(10_000).execute();
}

/**
 * Open rights whose holder made no inquiry on that application since `since`, among rights
 * registered before it (a right granted yesterday is not "unused for 90 days"). The inquiry probe
 * uses inquiries_user_at.
 */
export async function unusedRights(db: Db, since: Date) {
  return listQuery(db)
    .select((eb) =>
      eb
        .selectFrom('inquiries as i')
        .select((e) => e.fn.max('i.queried_at').as('m'))
        .whereRef('i.user_id', '=', 'r.user_id')
        .whereRef('i.application_id', '=', 'r.application_id')
        .as('last_queried_at'),
    )
    .where('r.ended_at', 'is', null)
    .where('r.registered_at', '<=', since)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('inquiries as i')
            .select(sql`1`.as('one'))
            .whereRef('i.user_id', '=', 'r.user_id')
            .whereRef('i.application_id', '=', 'r.application_id')
            .where('i.queried_at', '>=', since),
        ),
      ),
    )
    .orderBy('un.code')
    .orderBy('u.login_id')
    .orderBy('a.code')
    .limit(10_000)
    .execute();
}

// ── the sweep ─────────────────────────────────────────────────────────────────────────────────

/**
 * Open rights that some rule has ended by `today` (APP-3, APP-4, APP-6, ID-11): holder retired or
 * disabled, past valid_to, the assignment it was granted for no longer current, or its contract over.
 */
export async function sweepCandidates(db: Db, today: string) {
  return db
    .selectFrom('use_rights as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('contracts as c', 'c.id', 'r.contract_id')
    .select([
      'r.id',
      'r.kind',
      'r.valid_to',
      'r.assignment_id',
      'u.retired_on',
      'u.disabled_at',
      'c.ended_at as contract_ended_at',
      'c.valid_to as contract_valid_to',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('user_assignments as ua')
            .select(sql`1`.as('one'))
            .whereRef('ua.id', '=', 'r.assignment_id')
            .where('ua.valid_from', '<=', today)
            .where((w) => w.or([w('ua.valid_to', 'is', null), w('ua.valid_to', '>', today)])),
        )
        .as('assignment_current'),
    )
    .where('r.ended_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('u.retired_on', '<=', today),
        eb('u.disabled_at', 'is not', null),
        eb('r.valid_to', '<', today),
        eb.and([
          eb('r.assignment_id', 'is not', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('user_assignments as ua')
                .select(sql`1`.as('one'))
                .whereRef('ua.id', '=', 'r.assignment_id')
                .where('ua.valid_from', '<=', today)
                .where((w) => w.or([w('ua.valid_to', 'is', null), w('ua.valid_to', '>', today)])),
            ),
          ),
        ]),
        eb('c.ended_at', 'is not', null),
        eb('c.valid_to', '<', today),
      ]),
    )
    .orderBy('r.registered_at')
    .execute();
}

/** APP-5: emergency grants whose written application is overdue (reported, not ended). */
export async function paperworkOverdueRights(db: Db, today: string) {
  return db
    .selectFrom('use_rights as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('applications as a', 'a.id', 'r.application_id')
    .innerJoin('requests as q', 'q.id', 'r.grant_request_id')
    .select(['r.id', 'u.login_id', 'a.code as application_code', 'r.paperwork_due_on', 'q.number as request_number'])
    .where('r.ended_at', 'is', null)
    .where('r.paperwork_due_on', '<', today)
    .where('q.paperwork_done_at', 'is', null)
    .orderBy('r.paperwork_due_on')
    .execute();
}

export async function lockOpenRight(db: Db, id: string) {
  return db
    .selectFrom('use_rights')
    .select(['id', 'user_id', 'application_id', 'kind'])
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

// ── contracts (APP-6) ─────────────────────────────────────────────────────────────────────────

export async function listContracts(db: Db, id?: string) {
  let q = db
    .selectFrom('contracts as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.contract_name',
      'c.application_codes',
      'c.valid_from',
      'c.valid_to',
      'c.registered_at',
      'c.ended_at',
      'u.login_id',
      'u.name as user_name',
    ]);
  if (id) q = q.where('c.id', '=', id);
  return q.orderBy('c.registered_at', 'desc').limit(10_000).execute();
}

export async function insertContract(
  db: Db,
  row: {
    user_id: string;
    contract_name: string;
    application_codes: string[];
    valid_from: string;
    valid_to: string;
    registered_by: string | null;
    registered_at: Date;
  },
): Promise<string> {
  const inserted = await db.insertInto('contracts').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function endContract(db: Db, id: string, at: Date): Promise<boolean> {
  const res = await db.updateTable('contracts').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function existingApplicationCodes(db: Db, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('applications').select('code').where('code', 'in', codes).execute();
  return rows.map((r) => r.code);
}
