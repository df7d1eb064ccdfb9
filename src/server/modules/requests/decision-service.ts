import { refuse } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import type { RequestDecisionRow, RequestRow, RequestStageRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import type { UserActor } from '../identity/actor.js';
import { findOr404, loadAuthorized, loadBundle, openStagesOf } from './access.js';
import { summaryOf } from './draft-service.js';
import { applyEffect } from './effects.js';
import * as repo from './repo.js';
import { type Capacity, capacityFor } from './route-resolution.js';
import { overridable, type SodViolation, sodViolation } from './separation-of-duties.js';
import { recordTransition } from './transitions.js';
import { requestType } from './types/index.js';
import { requirePeriodNotEnded } from './validation.js';

const DAY = 86_400_000;

export type DecisionKind = 'approve' | 'reject' | 'return';

export interface DecideInput {
  decision: DecisionKind;
  comment?: string | undefined;
  /** ORG-3 "unavoidable" override of the one-person-one-stage rule (only where the type allows). */
  overrideReason?: string | undefined;
  /** Which open stage, when the actor could decide more than one of a parallel 合議. */
  stageId?: string | undefined;
}

type Outcome = { ok: RequestRow } | { denied: SodViolation };

const DECIDED_AS: Record<DecisionKind, (stage: RequestStageRow) => RequestDecisionRow['decision']> = {
  approve: (s) => (s.kind === 'concur' ? 'concurred' : 'approved'),
  reject: () => 'rejected',
  return: () => 'returned',
};

async function pickStage(
  tx: repo.Db,
  actor: UserActor,
  open: RequestStageRow[],
  stageId: string | undefined,
  at: Date,
): Promise<{ stage: RequestStageRow; capacity: Capacity } | null> {
  const date = tokyoDate(at);
  for (const stage of open) {
    if (stageId && stage.id !== stageId) continue;
    const capacity = await capacityFor(tx, actor.userId, stage, date, at);
    if (capacity) return { stage, capacity };
  }
  return null;
}

/** Moves the request past a fully decided position: the next stage starts, or the final approval takes effect. */
async function advance(ctx: ServiceContext, tx: repo.Db, actor: UserActor, request: RequestRow, at: Date): Promise<RequestRow> {
  const bundle = await loadBundle(tx, request);
  if (openStagesOf(bundle).length > 0) return request;
  const next = bundle.stages.filter((s) => s.round === request.round && s.position > (request.current_position ?? 0));
  const position = Math.min(...next.map((s) => s.position));
  if (next.length > 0) {
    const dueDays = Math.max(...next.filter((s) => s.position === position).map((s) => s.due_days));
    return repo.updateRequest(
      tx,
      request.id,
      { current_position: position, stage_entered_at: at, stage_due_at: new Date(at.getTime() + dueDays * DAY), last_reminded_at: null },
      at,
    );
  }
  // Final approval: the effect runs here, once, under the row lock taken by the caller. A period
  // that ended while the request waited is refused (CON-3, APP-3): the whole decision rolls back.
  const type = requestType(request.type_code);
  if (type) requirePeriodNotEnded(type, request.fields, tokyoDate(at));
  const effect = await applyEffect(tx, request, at);
  const updated = await repo.updateRequest(
    tx,
    request.id,
    {
      state: 'approved',
      current_position: null,
      decided_at: at,
      effect_applied_at: at,
      valid_to: type?.validTo(request.fields) ?? null,
    },
    at,
  );
  await recordTransition(ctx, tx, actor, updated, {
    action: 'effect',
    from: 'submitted',
    to: 'approved',
    details: {
      ...(effect.permitNumber ? { permitNumber: effect.permitNumber } : {}),
      ...(effect.revokedPermitNumber ? { revokedPermitNumber: effect.revokedPermitNumber } : {}),
      ...(effect.externalServiceId ? { externalServiceId: effect.externalServiceId } : {}),
      ...(effect.queued ? { queued: effect.queued } : {}),
    },
  });
  return updated;
}

/**
 * Approve / concur, reject, or return (差戻し) the current stage. Cedar has already let the actor
 * in as a decider of the current stage and not the applicant or beneficiary (ORG-3); under the row
 * lock the stage is re-checked (a concurrent approval of the same stage finds it decided: the
 * effect runs exactly once), and the one-person-one-stage rule is applied with the round's decisions.
 */
export async function decide(ctx: ServiceContext, actor: UserActor, id: string, input: DecideInput) {
  const current = await findOr404(ctx.db, id);
  if (current.state !== 'submitted') {
    // Already decided (e.g. the other of two simultaneous approvals): say so to those who may read it.
    await loadAuthorized(ctx, actor, current.id, 'request.read');
    throw alreadyDecided();
  }
  const { resource } = await loadAuthorized(ctx, actor, current.id, 'request.decide');
  if (input.decision !== 'approve' && !input.comment?.trim()) {
    throw new AppError('validation_failed', {
      ja: '却下・差戻しには理由（コメント）が必要です。',
      en: 'A rejection or return needs a reason (comment).',
    });
  }
  const outcome = await ctx.db.transaction().execute(async (tx): Promise<Outcome> => {
    const locked = await repo.lockRequest(tx, resource.id);
    if (!locked) throw new AppError('not_found');
    if (locked.state !== 'submitted') throw alreadyDecided();
    const bundle = await loadBundle(tx, locked);
    const now = ctx.clock.now();
    const picked = await pickStage(tx, actor, openStagesOf(bundle), input.stageId, now);
    if (!picked) throw alreadyDecided();
    const { stage, capacity } = picked;
    const violation = sodViolation(locked, bundle.decisions, actor.userId, capacity.onBehalfOf);
    const type = requestType(locked.type_code);
    if (violation && !overridable(violation, type?.sodOverride ?? false, input.overrideReason)) return { denied: violation };
    const decision = DECIDED_AS[input.decision](stage);
    await repo.insertDecision(tx, {
      request_id: locked.id,
      stage_id: stage.id,
      round: locked.round,
      decision,
      decider_id: actor.userId,
      decider_post: stage.label_ja,
      on_behalf_of_id: capacity.onBehalfOf,
      comment: input.comment?.trim() || null,
      override_reason: violation ? (input.overrideReason?.trim() ?? null) : null,
      flagged: violation !== null,
      emergency: false,
      decided_at: now,
    });
    let updated = locked;
    if (decision === 'rejected' || decision === 'returned') {
      const to = decision === 'rejected' ? 'rejected' : 'returned';
      updated = await repo.updateRequest(
        tx,
        locked.id,
        { state: to, current_position: null, ...(to === 'rejected' ? { decided_at: now } : {}) },
        now,
      );
    }
    await recordTransition(ctx, tx, actor, updated, {
      action: { approved: 'approve', concurred: 'concur', rejected: 'reject', returned: 'return' }[decision],
      from: 'submitted',
      to: updated.state,
      onBehalfOf: capacity.onBehalfOf,
      details: {
        stage: stage.label_ja,
        stageId: stage.id,
        ...(violation ? { sodOverride: violation, overrideReason: input.overrideReason?.trim() ?? '' } : {}),
      },
    });
    if (decision === 'approved' || decision === 'concurred') updated = await advance(ctx, tx, actor, locked, now);
    return { ok: updated };
  });
  if ('denied' in outcome) return refuse(ctx, actor, resource, 'request.decide', `sod:${outcome.denied}`, 'sod_violation');
  return summaryOf(ctx, outcome.ok);
}

function alreadyDecided(): AppError {
  return new AppError('invalid_state', {
    ja: 'この申請は既に決裁済みか、あなたが決裁する段階ではありません。',
    en: 'This request has already been decided, or its current stage is not yours to decide.',
  });
}
