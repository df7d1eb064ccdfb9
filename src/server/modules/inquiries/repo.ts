import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

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

export async function applicationByCode(db: Db, code: string): Promise<InquiryApplication | undefined> {
  return db
    .selectFrom('applications')
    .select(['id', 'code', 'name', 'state', 'personal_information', 'particulars', 'purpose_codes', 'max_people'])
    .where('code', '=', code)
    .executeTakeFirst();
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
