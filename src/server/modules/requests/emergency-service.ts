import { createHash } from 'node:crypto';
import type { RequestResource } from '../../authz/authorizer.js';
import { authorize, refuse } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { canonicalJsonOf } from '../audit/canonical-json.js';
import type { UserActor } from '../identity/actor.js';
import { assignmentOn, findUserByLogin } from '../org/repo.js';
import { loadAuthorized } from './access.js';
import { summaryOf } from './draft-service.js';
import { applyEffect } from './effects.js';
import { nextRequestNumber } from './numbers.js';
import * as repo from './repo.js';
import { capacityFor, decidersOf, resolveRoute } from './route-resolution.js';
import { sodViolation } from './separation-of-duties.js';
import { recordTransition } from './transitions.js';
import { requestType } from './types/index.js';
import { checkNamedPeople, requirePeriodNotEnded, resolveBeneficiary, validateFields } from './validation.js';

const DAY = 86_400_000;

export interface OralInput {
  typeCode: string;
  applicantLoginId: string;
  fields: unknown;
  comment?: string | undefined;
}

/**
 * APP-5 (AIC 第5-2(3)) and GOV-1 (EDO 10.4(2)): the final approver accepts an oral application and
 * approves it at once; the effect runs now, and the written application is due within
 * `requestPaperworkDueDays`. Until it arrives the request shows as paperwork-overdue to the applicant
 * and the approver, and in the overdue report. ORG-3 holds here too: the approver is neither the
 * applicant nor the beneficiary (Cedar `separation-of-duties`).
 */
export async function acceptOral(ctx: ServiceContext, actor: UserActor, input: OralInput) {
  const type = requestType(input.typeCode);
  if (!type)
    throw new AppError('validation_failed', {
      ja: `申請種別 ${input.typeCode} はありません。`,
      en: `Unknown request type ${input.typeCode}.`,
    });
  if (!type.emergency) {
    throw new AppError('invalid_state', {
      ja: 'この申請種別は口頭申請を受け付けません。',
      en: 'This request type has no emergency (oral) path.',
    });
  }
  const now = ctx.clock.now();
  const date = tokyoDate(now);
  const found = await findUserByLogin(ctx.db, input.applicantLoginId);
  // A disabled or retired account applies for nothing, orally or in writing (ID-11).
  const applicant = found && found.disabled_at === null && (found.retired_on === null || found.retired_on > date) ? found : undefined;
  const unit = applicant ? await assignmentOn(ctx.db, applicant.id, date) : undefined;
  if (!applicant || !unit) {
    throw new AppError('validation_failed', {
      ja: `申請者 ${input.applicantLoginId} が見つかりません。`,
      en: `Applicant ${input.applicantLoginId} not found.`,
    });
  }
  const fields = validateFields(type, input.fields);
  requirePeriodNotEnded(type, fields, date);
  const beneficiary = await resolveBeneficiary(ctx.db, type, fields, unit.unit_id, date);
  await checkNamedPeople(ctx.db, fields);
  const route = await resolveRoute(ctx.db, type, fields, { id: applicant.id, unitId: unit.unit_id }, date);
  const finals = route.filter((s) => s.final);
  const finalDeciders = await decidersOf(ctx.db, finals, date, now);
  const resource: RequestResource = {
    type: 'Request',
    id: 'oral',
    applicantId: applicant.id,
    beneficiaryIds: beneficiary ? [beneficiary.id] : [],
    participantIds: [...finalDeciders],
    deciderIds: [...finalDeciders],
    finalDeciderIds: [...finalDeciders],
  };
  await authorize(ctx, actor, 'request.oral', resource);
  // In what capacity the actor accepts: in person or as deputy (代決) of a final approver. No capacity
  // (e.g. the delegation lapsed) is a refusal, never an approval in nobody's name. ORG-3 as in
  // decide(): neither the actor nor the person they act for is the applicant or the beneficiary.
  const finalStage = finals[0];
  const capacity = finalStage ? await capacityFor(ctx.db, actor.userId, finalStage, date, now) : null;
  if (!capacity) return refuse(ctx, actor, resource, 'request.oral', 'oral_no_capacity', 'forbidden');
  const violation = sodViolation(
    { applicant_id: applicant.id, beneficiary_id: beneficiary?.id ?? null, round: 1 },
    [],
    actor.userId,
    capacity.onBehalfOf,
  );
  if (violation) return refuse(ctx, actor, resource, 'request.oral', `sod:${violation}`, 'sod_violation');
  const settings = await ctx.settings.get();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const created = await repo.insertRequest(tx, {
      number: await nextRequestNumber(tx, now),
      type_code: type.code,
      applicant_id: applicant.id,
      applicant_unit_id: unit.unit_id,
      beneficiary_id: beneficiary?.id ?? null,
      fields,
      at: now,
    });
    const stages = await repo.insertStages(
      tx,
      finals.map((s) => ({
        ...s,
        position: 0,
        request_id: created.id,
        round: 1,
        label_ja: `${s.label_ja}（口頭申請）`,
        label_en: `${s.label_en} (oral)`,
      })),
    );
    const stage = stages[0];
    if (!stage) throw new AppError('invalid_state');
    await repo.insertDecision(tx, {
      request_id: created.id,
      stage_id: stage.id,
      round: 1,
      decision: 'approved',
      decider_id: actor.userId,
      decider_post: stage.label_ja,
      on_behalf_of_id: capacity.onBehalfOf,
      comment: input.comment?.trim() || null,
      override_reason: null,
      flagged: false,
      emergency: true,
      decided_at: now,
    });
    const withRound = await repo.updateRequest(
      tx,
      created.id,
      {
        state: 'approved',
        round: 1,
        emergency: true,
        oral_at: now,
        paperwork_due_at: new Date(now.getTime() + settings.requestPaperworkDueDays * DAY),
        submitted_at: now,
        decided_at: now,
        effect_applied_at: now,
        valid_to: type.validTo(fields) ?? null,
      },
      now,
    );
    const effect = await applyEffect(tx, withRound, now);
    await recordTransition(ctx, tx, actor, withRound, {
      action: 'oral_approve',
      from: null,
      to: 'approved',
      onBehalfOf: capacity.onBehalfOf,
      details: {
        paperworkDueAt: withRound.paperwork_due_at?.toISOString() ?? null,
        ...(effect.permitNumber ? { permitNumber: effect.permitNumber } : {}),
        ...(effect.revokedPermitNumber ? { revokedPermitNumber: effect.revokedPermitNumber } : {}),
        ...(effect.queued ? { queued: effect.queued } : {}),
      },
    });
    return withRound;
  });
  return summaryOf(ctx, row);
}

/**
 * The written application that follows an oral one (APP-5 "登録処理終了後速やかに…送付"): the
 * applicant files it, optionally with the fields as written. What was approved orally stands: the
 * written fields must be exactly the approved ones (canonical JSON of the validated fields), else
 * the filing is refused (`paperwork_mismatch`, audited) and nothing changes — a different request
 * is a new application. The approved fields are never overwritten.
 */
export async function filePaperwork(ctx: ServiceContext, actor: UserActor, id: string, input: { fields?: unknown }) {
  const { bundle, resource } = await loadAuthorized(ctx, actor, id, 'request.edit');
  const type = requestType(bundle.request.type_code);
  if (!type) throw new AppError('not_found');
  const filed = input.fields === undefined ? undefined : canonicalJsonOf(validateFields(type, input.fields));
  const approved = canonicalJsonOf(bundle.request.fields);
  if (filed !== undefined && filed !== approved) {
    // Fields approved orally do not change after approval (no transition edits them), so comparing
    // outside the transaction is sound; the refusal is recorded like any other (AUD-1).
    await refuse(ctx, actor, resource, 'request.edit', 'paperwork_mismatch', 'paperwork_mismatch');
  }
  const row = await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.lockRequest(tx, bundle.request.id);
    if (!locked) throw new AppError('not_found');
    if (!locked.emergency || locked.paperwork_done_at !== null) {
      throw new AppError('invalid_state', { ja: '提出待ちの書面はありません。', en: 'No written application is outstanding.' });
    }
    const now = ctx.clock.now();
    const late = locked.paperwork_due_at !== null && locked.paperwork_due_at < now;
    const updated = await repo.updateRequest(tx, locked.id, { paperwork_done_at: now }, now);
    await recordTransition(ctx, tx, actor, updated, {
      action: 'paperwork',
      from: locked.state,
      to: locked.state,
      // The filed fields equal the approved ones; their digest records what the paper said.
      details: { late, fieldsFiled: filed !== undefined, fieldsSha256: sha256(approved) },
    });
    return updated;
  });
  return summaryOf(ctx, row);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
