import { authorize, refuse } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { iso } from './presenters.js';
import * as registers from './registers-repo.js';
import * as repo from './repo.js';

type ServiceRow = NonNullable<Awaited<ReturnType<typeof registers.findExternalService>>>;

function present(s: ServiceRow) {
  return {
    id: s.id,
    requestId: s.request_id,
    requestNumber: s.request_number,
    name: s.name,
    kind: s.kind,
    maxConfidentiality: s.max_confidentiality,
    manager: { id: s.manager_id, loginId: s.manager_login_id, name: s.manager_name },
    unit: { code: s.unit_code, name: s.unit_name },
    approvedAt: iso(s.approved_at),
    state: s.state,
    endedAt: iso(s.ended_at),
    deletionConfirmedAt: iso(s.deletion_confirmed_at),
    endNote: s.end_note,
  };
}

/**
 * GOV-2: the register of approved external services (承認済み外部サービス, EDO 11.2(4)③). Staff
 * consult it to know which services they may use, so every signed-in user may read it.
 */
export async function listExternalServices(ctx: ServiceContext, _actor: UserActor, q: { state?: string | undefined }) {
  const rows = await registers.listExternalServices(ctx.db, q);
  return { services: rows.map(present) };
}

/**
 * End of use (EDO 11.2(7)②): the named service manager (or システム管理者) ends the use, then confirms
 * that the information and accounts on the service were deleted. Both steps are recorded.
 */
export async function endExternalService(
  ctx: ServiceContext,
  actor: UserActor,
  id: string,
  step: 'end' | 'deletion',
  input: { note?: string | undefined },
) {
  const current = await registers.findExternalService(ctx.db, id);
  if (!current) throw new AppError('not_found');
  const mayAct = current.manager_id === actor.userId || actor.roles.includes('system_admin');
  if (!mayAct) await refuse(ctx, actor, { type: 'System' }, 'request.admin', `external_service_${step}_not_manager`, 'forbidden');
  const updated = await ctx.db.transaction().execute(async (tx) => {
    const row = await registers.findExternalService(tx, id);
    if (!row) throw new AppError('not_found');
    const now = ctx.clock.now();
    if (step === 'end') {
      if (row.state !== 'in_use') throw new AppError('invalid_state');
      await registers.updateExternalService(tx, id, {
        state: 'ended',
        ended_at: now,
        ended_by: actor.userId,
        ...(input.note ? { end_note: input.note } : {}),
      });
    } else {
      if (row.state !== 'ended' || row.deletion_confirmed_at !== null) throw new AppError('invalid_state');
      await registers.updateExternalService(tx, id, {
        deletion_confirmed_at: now,
        deletion_confirmed_by: actor.userId,
        ...(input.note ? { end_note: input.note } : {}),
      });
    }
    await ctx.audit.record(
      {
        action: step === 'end' ? 'external_service.end' : 'external_service.deletion_confirmed',
        actor: auditActor(actor),
        target: { type: 'external_service', id, label: row.name },
        outcome: 'success',
        details: { requestNumber: row.request_number, note: input.note ?? null },
      },
      { tx },
    );
    return registers.findExternalService(tx, id);
  });
  if (!updated) throw new AppError('not_found');
  return { service: present(updated) };
}

/** ORG-3: an auditor records the review of a flagged ("unavoidable") decision. */
export async function reviewDecision(ctx: ServiceContext, actor: UserActor, decisionId: string, input: { comment: string }) {
  await authorize(ctx, actor, 'request.review', { type: 'System' });
  const decision = await repo.findDecision(ctx.db, decisionId);
  if (!decision?.flagged) throw new AppError('not_found');
  if (decision.decider_id === actor.userId || decision.on_behalf_of_id === actor.userId) {
    // The audited may not audit themselves (ORG-3): neither the decider nor the holder a deputy decided for.
    await refuse(ctx, actor, { type: 'System' }, 'request.review', 'sod:self_review', 'sod_violation');
  }
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    await repo.insertReview(tx, { decision_id: decisionId, reviewer_id: actor.userId, comment: input.comment, reviewed_at: now });
    await ctx.audit.record(
      {
        action: 'request.decision.review',
        actor: auditActor(actor),
        target: { type: 'request', id: decision.request_id },
        outcome: 'success',
        details: { decisionId },
      },
      { tx },
    );
  });
}
