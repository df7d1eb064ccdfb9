import { randomUUID } from 'node:crypto';
import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError, type ErrorCode } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { verifyRecordDigest } from '../applications/integrity.js';
import type { JsonValue } from '../audit/canonical-json.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { usableRightAmong } from '../rights/check.js';
import { inquiryAuditDisabled } from './bench-only.js';
import { criteriaSpecOf, foldCriteria } from './criteria.js';
import { checkPurpose } from './purpose.js';
import { logInquiry } from './query-log.js';
import * as repo from './repo.js';
import type { InquiryBody } from './schema.js';
import * as search from './search-repo.js';
import { type Watermark, watermarkFor } from './watermark.js';

/**
 * 照会 (APP-7 … APP-10, AUD-1). The checks run in a fixed order — the application, the authorization,
 * the business use right, the purpose, the criteria, the breadth — and every refusal is an audit
 * entry before the error leaves. An answer leaves only after its audit entry (purpose, criteria,
 * the IDs of the records returned) has committed: no audit, no personal data (fail closed).
 */

export interface InquiryResult {
  id: string;
  recordSet: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  integrity: 'ok' | 'mismatch';
}

export interface InquiryAnswer {
  inquiryId: string;
  applicationCode: string;
  queriedAt: string;
  watermark: Watermark;
  count: number;
  results: InquiryResult[];
}

const NO_RIGHT_MESSAGES: Readonly<Record<string, { ja: string; en: string }>> = {
  none: { ja: 'この適用業務の業務利用権がありません。', en: 'You hold no business use right for this application.' },
  not_yet_valid: { ja: '業務利用権の有効期間が始まっていません。', en: 'Your business use right is not valid yet.' },
  expired: { ja: '業務利用権の有効期間が過ぎています。', en: 'Your business use right has expired.' },
  dispatch_ended: { ja: '派遣先での業務利用権は派遣終了により失効しています。', en: 'Your dispatch right ended with the dispatch.' },
  transferred: { ja: '異動により業務利用権は失効しています。', en: 'Your business use right ended with your transfer.' },
  retired: { ja: '退職により業務利用権は失効しています。', en: 'Your business use right ended with your retirement.' },
  contract_scope: { ja: '委託契約の範囲外の適用業務です。', en: 'This application is outside the scope of your contract.' },
};

const PURPOSE_MESSAGES: Readonly<Record<string, { ja: string; en: string }>> = {
  purpose_missing: { ja: '照会目的を選択してください。', en: 'Choose the purpose of the query.' },
  purpose_code_unknown: { ja: 'この適用業務では選択できない照会目的です。', en: 'This purpose is not one of the application’s purposes.' },
  purpose_text_missing: { ja: '照会目的の内容を入力してください。', en: 'Describe the purpose of the query.' },
  case_number_missing: { ja: 'この照会目的には事件番号が必要です。', en: 'This purpose needs a case number.' },
};

interface Refusal {
  reason: string;
  code: ErrorCode;
  detail?: { ja: string; en: string } | undefined;
  details?: JsonValue | undefined;
}

/** AUD-1: the refusal is recorded (outside any transaction, so it stays) and only then thrown. */
async function refuseQuery(ctx: ServiceContext, actor: UserActor, input: InquiryBody, refusal: Refusal): Promise<never> {
  await ctx.audit.record({
    action: 'inquiry.query',
    actor: auditActor(actor),
    target: { type: 'application', id: input.applicationCode },
    outcome: 'denied',
    reason: refusal.reason,
    purpose: { code: input.purpose.code, text: input.purpose.text },
    criteria: input.criteria,
    details: { caseNumber: input.purpose.caseNumber ?? null, ...(refusal.details !== undefined ? { refusal: refusal.details } : {}) },
  });
  throw new AppError(refusal.code, refusal.detail);
}

export async function runInquiry(ctx: ServiceContext, actor: UserActor, input: InquiryBody): Promise<InquiryAnswer> {
  const withRights = await repo.applicationWithRights(ctx.db, input.applicationCode, actor.userId);
  if (withRights?.application.state !== 'active') {
    return refuseQuery(ctx, actor, input, {
      reason: withRights ? `application_${withRights.application.state}` : 'application_unknown',
      code: 'not_found',
    });
  }
  const { application } = withRights;
  await authorize(ctx, actor, 'inquiry.run', { type: 'System' });

  // APP-3 … APP-6: a right of this application, valid today, for the assignment it was granted for.
  const now = ctx.clock.now();
  const right = await usableRightAmong(ctx.db, actor, application.id, withRights.rights, tokyoDate(now));
  if (!right.ok) {
    return refuseQuery(ctx, actor, input, {
      reason: `no_use_right:${right.reason}`,
      code: 'no_use_right',
      detail: NO_RIGHT_MESSAGES[right.reason],
    });
  }

  // APP-8: the stated purpose.
  const purpose = checkPurpose(application.personal_information, application.purpose_codes, input.purpose);
  if (!purpose.ok) {
    return refuseQuery(ctx, actor, input, { reason: purpose.reason, code: 'purpose_required', detail: PURPOSE_MESSAGES[purpose.reason] });
  }

  // APP-7: at least one criterion the application knows.
  const criteria = foldCriteria(criteriaSpecOf(application.code, application.particulars), input.criteria);
  if (!criteria.ok) return refuseQuery(ctx, actor, input, { reason: criteria.reason, code: 'validation_failed' });

  // APP-7: exact first; near spellings only when nothing matched exactly. People are counted in
  // the same statement, and a too-broad query carries no record content out of the database.
  let mode: search.SearchMode = 'exact';
  let found = await search.searchRecords(ctx.db, application.id, criteria.folded, mode, application.max_people);
  if (found.people === 0 && criteria.folded.name !== undefined) {
    mode = 'fuzzy';
    found = await search.searchRecords(ctx.db, application.id, criteria.folded, mode, application.max_people);
  }
  if (found.people > application.max_people) {
    return refuseQuery(ctx, actor, input, {
      reason: 'query_too_broad',
      code: 'query_too_broad',
      details: { maxPeople: application.max_people, mode },
    });
  }
  const records = found.records;
  const results: InquiryResult[] = records.map((r) => ({
    id: r.id,
    recordSet: r.record_set,
    subjectId: r.subject_id,
    data: r.data,
    integrity: verifyRecordDigest(r) ? 'ok' : 'mismatch',
  }));

  const inquiryId = randomUUID();
  const resultIds = results.map((r) => r.id);
  const auditSeq = inquiryAuditDisabled(ctx)
    ? '0'
    : await ctx.audit.record({
        action: 'inquiry.query',
        actor: auditActor(actor),
        // Members in code-unit order: the entry's canonical form needs no reordered copies.
        target: { id: application.code, label: application.name, type: 'application' },
        outcome: 'success',
        purpose: { code: purpose.purpose.code, text: purpose.purpose.text },
        criteria: criteria.given,
        details: {
          applicationCode: application.code,
          caseNumber: purpose.purpose.caseNumber,
          count: results.length,
          inquiryId,
          match: mode,
          resultIds,
        },
      });

  // APP-12: a record changed outside the application is shown flagged and reported.
  const mismatched = results.filter((r) => r.integrity === 'mismatch').map((r) => r.id);
  if (mismatched.length > 0) {
    await ctx.audit.record({
      action: 'records.integrity_mismatch',
      actor: auditActor(actor),
      target: { type: 'application', id: application.code },
      outcome: 'failure',
      reason: 'digest_mismatch',
      details: { inquiryId, recordIds: mismatched },
    });
  }

  // The query log is the index of the audit entry: written after it, pointing at its seq, in one
  // atomic statement shared with the inquiries answered meanwhile. No answer without it either.
  await logInquiry(ctx.db, {
    id: inquiryId,
    auditSeq,
    userId: actor.userId,
    unitId: actor.unit?.id ?? null,
    applicationId: application.id,
    purpose: purpose.purpose,
    criteria: criteria.given,
    results: records.map((r) => ({ recordId: r.id, subjectId: r.subject_id })),
    queriedAt: now,
  });

  return {
    inquiryId,
    applicationCode: application.code,
    queriedAt: now.toISOString(),
    watermark: watermarkFor(actor, now),
    count: results.length,
    results,
  };
}
