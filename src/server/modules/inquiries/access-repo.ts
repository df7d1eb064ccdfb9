import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/**
 * Reads of the query log for access records (APP-8, AUD-4). "Who looked up this person" starts from
 * inquiry_results(subject_id, queried_at) and "who looked up this record" from its primary key
 * (record_id, inquiry_id); a period starts from the inquiries indexes on (user|unit|application,
 * queried_at). Newest first, paged by the audit sequence number.
 */

export interface AccessFilter {
  subjectId?: string | undefined;
  recordId?: string | undefined;
  userId?: string | undefined;
  /** Queries made by users of these units (the unit managers' view), by unit id. */
  unitIds?: string[] | undefined;
  applicationId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** The next page: entries after (seq, record) in the order seq descending, record ascending. */
  beforeSeq?: string | undefined;
  afterRecordId?: string | undefined;
}

export interface AccessRow {
  inquiry_id: string;
  audit_seq: string;
  queried_at: Date;
  record_id: string | null;
  user_login_id: string;
  user_name: string;
  unit_code: string | null;
  unit_name: string | null;
  application_code: string;
  application_name: string;
  purpose_code: string;
  purpose_text: string;
  case_number: string | null;
  criteria: Record<string, unknown>;
  result_count: number;
}

function common(filter: AccessFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (filter.userId !== undefined) out.push(sql<SqlBool>`i.user_id = ${filter.userId}`);
  if (filter.unitIds !== undefined) {
    out.push(filter.unitIds.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`i.unit_id IN (${sql.join(filter.unitIds)})`);
  }
  if (filter.applicationId !== undefined) out.push(sql<SqlBool>`i.application_id = ${filter.applicationId}`);
  if (filter.from !== undefined) out.push(sql<SqlBool>`i.queried_at >= ${filter.from}`);
  if (filter.to !== undefined) out.push(sql<SqlBool>`i.queried_at < ${filter.to}`);
  return out;
}

export async function accessRecords(db: Db, filter: AccessFilter, limit: number): Promise<AccessRow[]> {
  const byPerson = filter.subjectId !== undefined || filter.recordId !== undefined;
  const where = common(filter);
  if (filter.subjectId !== undefined) where.push(sql<SqlBool>`r.subject_id = ${filter.subjectId}`);
  if (filter.recordId !== undefined) where.push(sql<SqlBool>`r.record_id = ${filter.recordId}`);
  if (filter.beforeSeq !== undefined) {
    where.push(
      byPerson && filter.afterRecordId !== undefined
        ? sql<SqlBool>`(i.audit_seq < ${filter.beforeSeq} OR (i.audit_seq = ${filter.beforeSeq} AND r.record_id > ${filter.afterRecordId}))`
        : sql<SqlBool>`i.audit_seq < ${filter.beforeSeq}`,
    );
  }
  const whereSql = where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const from = byPerson ? sql`inquiry_results r JOIN inquiries i ON i.id = r.inquiry_id` : sql`inquiries i`;
  const recordColumn = byPerson ? sql`r.record_id` : sql`NULL::uuid`;
  const result = await sql<AccessRow>`
    SELECT i.id AS inquiry_id, i.audit_seq::text AS audit_seq, i.queried_at, ${recordColumn} AS record_id,
           u.login_id AS user_login_id, u.name AS user_name, un.code AS unit_code, un.name AS unit_name,
           a.code AS application_code, a.name AS application_name,
           i.purpose_code, i.purpose_text, i.case_number, i.criteria, i.result_count
      FROM ${from}
      JOIN users u ON u.id = i.user_id
      JOIN applications a ON a.id = i.application_id
      LEFT JOIN units un ON un.id = i.unit_id
      ${whereSql}
     ORDER BY i.audit_seq DESC, ${recordColumn}
     LIMIT ${limit}`.execute(db);
  return result.rows;
}

export async function userIdByLogin(db: Db, loginId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('id').where(sql<string>`lower(login_id)`, '=', loginId.toLowerCase()).executeTakeFirst();
  return row?.id ?? null;
}

export async function unitIdsByCode(db: Db, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('units').select('id').where('code', 'in', codes).execute();
  return rows.map((r) => r.id);
}

export async function applicationIdByCode(db: Db, code: string): Promise<string | null> {
  const row = await db.selectFrom('applications').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}
