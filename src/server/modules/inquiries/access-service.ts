import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { excelCsv, tokyoDateTime } from '../../shared/excel-csv.js';
import { auditActor, principalOf, type UserActor } from '../identity/actor.js';
import * as repo from './access-repo.js';
import type { AccessRecordsQuery } from './schema.js';

/**
 * Access records (照会記録, APP-8, AUD-4): who looked up a person or a record, and every query of a
 * period by querier, unit or application. 監査, システム管理者 and 総務部長 see all ('access.read');
 * a unit's managers see the queries of their unit's users only ('access.read.unit', the unit filter
 * forced). Looking at access records is itself recorded.
 */

export interface AccessRecord {
  inquiryId: string;
  auditSeq: string;
  queriedAt: string;
  recordId: string | null;
  querier: { loginId: string; name: string; unitCode: string | null; unitName: string | null };
  application: { code: string; name: string };
  purpose: { code: string; text: string; caseNumber: string | null };
  criteria: Record<string, unknown>;
  resultCount: number;
}

export interface AccessPage {
  records: AccessRecord[];
  /** Pass as `cursor` for the next page; null on the last. */
  next: string | null;
}

/** A bare date is a day in Japan: `from` its first instant, `to` the first instant after it. */
function instant(value: string | undefined, endOfDay: boolean): Date | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  const start = new Date(`${value}T00:00:00+09:00`);
  return endOfDay ? new Date(start.getTime() + 86_400_000) : start;
}

/** The unit codes the caller is limited to, or null when they may see every unit. */
async function scopeOf(ctx: ServiceContext, actor: UserActor, query: AccessRecordsQuery): Promise<string[] | null> {
  if (ctx.authorizer.decide(principalOf(actor), 'access.read', { type: 'System' }).allowed) {
    return query.unitCode !== undefined ? [query.unitCode] : null;
  }
  const units = query.unitCode !== undefined ? [query.unitCode] : actor.managedUnitCodes;
  // Neither an overseer nor a unit manager: refused and audited as any Cedar denial.
  if (units.length === 0) await authorize(ctx, actor, 'access.read', { type: 'System' });
  for (const code of units) await authorize(ctx, actor, 'access.read.unit', { type: 'Unit', code });
  return units;
}

function hasSelector(query: AccessRecordsQuery): boolean {
  return (
    query.subjectId !== undefined ||
    query.recordId !== undefined ||
    query.userLoginId !== undefined ||
    query.unitCode !== undefined ||
    query.applicationCode !== undefined ||
    query.from !== undefined ||
    query.to !== undefined
  );
}

function cursorOf(cursor: string | undefined): Pick<repo.AccessFilter, 'beforeSeq' | 'afterRecordId'> {
  if (cursor === undefined) return {};
  const [seq, recordId] = cursor.split('.');
  return { beforeSeq: seq, afterRecordId: recordId };
}

async function resolveFilter(ctx: ServiceContext, query: AccessRecordsQuery, units: string[] | null): Promise<repo.AccessFilter | null> {
  const filter: repo.AccessFilter = {
    subjectId: query.subjectId,
    recordId: query.recordId,
    from: instant(query.from, false),
    to: instant(query.to, true),
    ...cursorOf(query.cursor),
  };
  if (query.userLoginId !== undefined) {
    const userId = await repo.userIdByLogin(ctx.db, query.userLoginId);
    if (!userId) return null;
    filter.userId = userId;
  }
  if (query.applicationCode !== undefined) {
    const applicationId = await repo.applicationIdByCode(ctx.db, query.applicationCode);
    if (!applicationId) return null;
    filter.applicationId = applicationId;
  }
  if (units !== null) filter.unitIds = await repo.unitIdsByCode(ctx.db, units);
  return filter;
}

function present(row: repo.AccessRow): AccessRecord {
  return {
    inquiryId: row.inquiry_id,
    auditSeq: row.audit_seq,
    queriedAt: new Date(row.queried_at).toISOString(),
    recordId: row.record_id,
    querier: { loginId: row.user_login_id, name: row.user_name, unitCode: row.unit_code, unitName: row.unit_name },
    application: { code: row.application_code, name: row.application_name },
    purpose: { code: row.purpose_code, text: row.purpose_text, caseNumber: row.case_number },
    criteria: row.criteria,
    resultCount: row.result_count,
  };
}

function criteriaOf(query: AccessRecordsQuery, units: string[] | null) {
  const { limit: _limit, ...rest } = query;
  return { ...rest, ...(units !== null ? { scopeUnits: units } : {}) };
}

async function readPage(ctx: ServiceContext, query: AccessRecordsQuery, units: string[] | null, limit: number) {
  if (query.from !== undefined && query.to !== undefined && (instant(query.from, false) ?? 0) >= (instant(query.to, true) ?? 0)) {
    throw new AppError('validation_failed', { ja: '期間の開始が終了より後です。', en: 'The period starts after it ends.' });
  }
  const filter = await resolveFilter(ctx, query, units);
  return filter ? repo.accessRecords(ctx.db, filter, limit) : [];
}

export async function listAccessRecords(ctx: ServiceContext, actor: UserActor, query: AccessRecordsQuery): Promise<AccessPage> {
  const units = await scopeOf(ctx, actor, query);
  if (!hasSelector(query)) {
    throw new AppError('validation_failed', {
      ja: '対象者・記録・利用者・所属・適用業務・期間のいずれかを指定してください。',
      en: 'Give a subject, record, user, unit, application or period.',
    });
  }
  const rows = await readPage(ctx, query, units, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  // One query can return several records of one person: the cursor names the record too, so a page
  // ending between them loses none (rows are ordered by seq, then record).
  const next = rows.length > query.limit && last ? (last.record_id ? `${last.audit_seq}.${last.record_id}` : last.audit_seq) : null;
  await ctx.audit.record({
    action: 'access_records.viewed',
    actor: auditActor(actor),
    target: query.subjectId
      ? { type: 'subject', id: query.subjectId }
      : query.recordId
        ? { type: 'record', id: query.recordId }
        : { type: 'system', id: 'access-records' },
    outcome: 'success',
    criteria: criteriaOf(query, units),
    details: { returned: page.length },
  });
  return { records: page.map(present), next };
}

export const CSV_MAX_ROWS = 10_000;

const CSV_HEADER = [
  '照会日時',
  '監査連番',
  '照会ID',
  '記録ID',
  '利用者ID',
  '氏名',
  '所属コード',
  '所属',
  '適用業務',
  '照会目的コード',
  '照会目的',
  '事件番号',
  '照会条件',
  '件数',
] as const;

export interface AccessCsv {
  bytes: Buffer;
  filename: string;
  rows: number;
  unencodable: number;
  truncated: boolean;
}

export async function exportAccessRecordsCsv(ctx: ServiceContext, actor: UserActor, query: AccessRecordsQuery): Promise<AccessCsv> {
  const units = await scopeOf(ctx, actor, query);
  if (!hasSelector(query)) throw new AppError('validation_failed');
  const rows = await readPage(ctx, query, units, CSV_MAX_ROWS + 1);
  const truncated = rows.length > CSV_MAX_ROWS;
  const kept = rows.slice(0, CSV_MAX_ROWS);
  const { bytes, unencodable } = excelCsv(
    CSV_HEADER,
    kept.map((r) => [
      tokyoDateTime(new Date(r.queried_at)),
      r.audit_seq,
      r.inquiry_id,
      r.record_id,
      r.user_login_id,
      r.user_name,
      r.unit_code,
      r.unit_name,
      `${r.application_code} ${r.application_name}`,
      r.purpose_code,
      r.purpose_text,
      r.case_number,
      JSON.stringify(r.criteria),
      r.result_count,
    ]),
  );
  await ctx.audit.record({
    action: 'access_records.exported',
    actor: auditActor(actor),
    outcome: 'success',
    criteria: { ...criteriaOf(query, units), format: 'csv-cp932' },
    details: { returned: kept.length, truncated, unencodable },
  });
  const stamp = tokyoDateTime(ctx.clock.now()).replaceAll('/', '').replace(' ', '-').replaceAll(':', '');
  return { bytes, filename: `sekimori-access-records-${stamp}.csv`, rows: kept.length, unencodable, truncated };
}
