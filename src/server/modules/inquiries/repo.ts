import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

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
 * The inquiry and one row per returned record as one statement (a data-modifying CTE): atomic on
 * its own — never an inquiry without its results — in one round trip instead of four.
 */
export async function insertInquiry(db: Db, inquiry: NewInquiry): Promise<void> {
  const values = {
    id: inquiry.id,
    audit_seq: inquiry.auditSeq,
    user_id: inquiry.userId,
    unit_id: inquiry.unitId,
    application_id: inquiry.applicationId,
    purpose_code: inquiry.purpose.code,
    purpose_text: inquiry.purpose.text,
    case_number: inquiry.purpose.caseNumber,
    criteria: JSON.stringify(inquiry.criteria),
    result_count: inquiry.results.length,
    queried_at: inquiry.queriedAt,
  };
  if (inquiry.results.length === 0) {
    await db.insertInto('inquiries').values(values).execute();
    return;
  }
  await db
    .with('inquiry', (q) => q.insertInto('inquiries').values(values).returning('id'))
    .insertInto('inquiry_results')
    .values(
      inquiry.results.map((r) => ({
        record_id: r.recordId,
        inquiry_id: inquiry.id,
        subject_id: r.subjectId,
        queried_at: inquiry.queriedAt,
      })),
    )
    .execute();
}
