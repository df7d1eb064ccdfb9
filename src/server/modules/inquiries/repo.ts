import { type Kysely, sql } from 'kysely';
import { compiledStatement } from '../../db/compiled-statement.js';
import type { Database } from '../../db/schema.js';
import { type FactsRow, openNewestFirst, RIGHT_FACT_COLUMNS, type RightFacts, toFacts } from '../rights/repo.js';

export type Db = Kysely<Database>;

/** The query log (照会記録, APP-8): inquiries and inquiry_results are written here only, append-only. */

export interface InquiryApplication {
  id: string;
  code: string;
  name: string;
  state: 'development' | 'active' | 'abolished';
  personal_information: boolean;
  particulars: Record<string, unknown>;
  purpose_codes: unknown[];
  max_people: number;
}

/**
 * The application by code and the querier's rights for it (rights/repo rightFactsFor's rows and
 * order) in one statement: an inquiry needs both before it may search.
 */
const applicationRightsStatement = compiledStatement((db, v: { code: string; userId: string }) =>
  openNewestFirst(
    db
      .selectFrom('applications as a')
      .leftJoin('use_rights as r', (join) => join.onRef('r.application_id', '=', 'a.id').on('r.user_id', '=', v.userId))
      .leftJoin('users as u', 'u.id', 'r.user_id')
      .leftJoin('contracts as c', 'c.id', 'r.contract_id')
      .select(['a.id as app_id', 'a.personal_information', 'a.particulars', 'a.purpose_codes', 'a.max_people'])
      .select(RIGHT_FACT_COLUMNS)
      .where('a.code', '=', v.code),
  ),
);

type ApplicationRightsRow = Awaited<ReturnType<typeof applicationRightsStatement.execute>>[number];

/**
 * Without a right the one row has only the application. A row with a right has all of the right's
 * columns (NOT NULL) and its holder's (a foreign key), as rightFactsFor's inner joins would.
 */
function hasRight(row: ApplicationRightsRow): row is ApplicationRightsRow & FactsRow {
  return row.id !== null && row.employment_type !== null;
}

export async function applicationWithRights(
  db: Db,
  code: string,
  userId: string,
): Promise<{ application: InquiryApplication; rights: RightFacts[] } | undefined> {
  const rows = await applicationRightsStatement.execute(db, { code, userId });
  const first = rows[0];
  if (!first) return undefined;
  const application: InquiryApplication = {
    id: first.app_id,
    code: first.application_code,
    name: first.application_name,
    state: first.application_state,
    personal_information: first.personal_information,
    particulars: first.particulars,
    purpose_codes: first.purpose_codes,
    max_people: first.max_people,
  };
  const rights = rows
    .filter(hasRight)
    .map(({ app_id, personal_information, particulars, purpose_codes, max_people, ...facts }) => toFacts(facts));
  return { application, rights };
}

export interface NewInquiry {
  id: string;
  auditSeq: string;
  userId: string;
  unitId: string | null;
  applicationId: string;
  purpose: { code: string; text: string; caseNumber: string | null };
  criteria: Record<string, string>;
  results: { recordId: string; subjectId: string | null }[];
  queriedAt: Date;
}

/**
 * Inquiries and one row per returned record as one statement (a data-modifying CTE over arrays):
 * atomic on its own — never an inquiry without its results — in one round trip however many
 * inquiries it carries, and with one text for every batch (one prepared statement).
 */
export async function insertInquiries(db: Db, inquiries: readonly NewInquiry[]): Promise<void> {
  const column = <T>(pick: (i: NewInquiry) => T) => inquiries.map(pick);
  const results = inquiries.flatMap((i) => i.results.map((r) => ({ ...r, inquiryId: i.id, queriedAt: i.queriedAt.toISOString() })));
  await sql`
    WITH logged AS (
      INSERT INTO inquiries (id, audit_seq, user_id, unit_id, application_id, purpose_code, purpose_text, case_number, criteria, result_count, queried_at)
      SELECT * FROM unnest(
        ${column((i) => i.id)}::uuid[], ${column((i) => i.auditSeq)}::bigint[], ${column((i) => i.userId)}::uuid[],
        ${column((i) => i.unitId)}::uuid[], ${column((i) => i.applicationId)}::uuid[], ${column((i) => i.purpose.code)}::text[],
        ${column((i) => i.purpose.text)}::text[], ${column((i) => i.purpose.caseNumber)}::text[],
        ${column((i) => JSON.stringify(i.criteria))}::jsonb[], ${column((i) => i.results.length)}::int[],
        ${column((i) => i.queriedAt.toISOString())}::timestamptz[])
      RETURNING id
    )
    INSERT INTO inquiry_results (record_id, inquiry_id, subject_id, queried_at)
    SELECT * FROM unnest(
      ${results.map((r) => r.recordId)}::uuid[], ${results.map((r) => r.inquiryId)}::uuid[],
      ${results.map((r) => r.subjectId)}::uuid[], ${results.map((r) => r.queriedAt)}::timestamptz[])`.execute(db);
}
