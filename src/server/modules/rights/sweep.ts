import type { ServiceContext } from '../../context.js';
import type { UseRightEndReason } from '../../db/schema-information.js';
import { tokyoDate } from '../../shared/clock.js';
import { auditActor, type SystemActor } from '../identity/actor.js';
import * as repo from './repo.js';

export interface RightsSweepResult {
  ended: Partial<Record<UseRightEndReason, number>>;
  /** APP-5: emergency grants whose written application is overdue; they stand, and are reported. */
  paperworkOverdue: { rightId: string; loginId: string; applicationCode: string; dueOn: string | null; requestNumber: string }[];
}

type Candidate = Awaited<ReturnType<typeof repo.sweepCandidates>>[number];

/** Which rule ended the right; the person's status first, then the right's own period, then its bond. */
export function sweepReason(c: Candidate, today: string): UseRightEndReason | null {
  if (c.retired_on !== null && c.retired_on <= today) return 'retirement';
  if (c.disabled_at !== null) return 'disabled';
  if (c.assignment_id !== null && !c.assignment_current) return 'transfer';
  if (c.valid_to !== null && c.valid_to < today) return c.kind === 'dispatch' ? 'dispatch_end' : 'expired';
  if (c.contract_ended_at !== null || (c.contract_valid_to !== null && c.contract_valid_to < today)) return 'contract_end';
  return null;
}

/**
 * The periodic job of the rights module (run by `serve` every 15 minutes and `sekimori rights sweep`):
 * writes the end of rights some rule has already ended — transfer, retirement or a disabled account
 * (ID-11, ID-12), dispatch end (APP-4), expiry (APP-3), contract end (APP-6). findUsableRight refuses
 * them from the first day regardless; the sweep makes the register say so. Each right ends in its own
 * transaction under its row lock with its audit entry, so two nodes never end one twice.
 */
export async function sweepRights(ctx: ServiceContext, actor: SystemActor): Promise<RightsSweepResult> {
  const now = ctx.clock.now();
  const today = tokyoDate(now);
  const result: RightsSweepResult = { ended: {}, paperworkOverdue: [] };
  for (const c of await repo.sweepCandidates(ctx.db, today)) {
    const reason = sweepReason(c, today);
    if (reason === null) continue;
    await ctx.db.transaction().execute(async (tx) => {
      const locked = await repo.lockOpenRight(tx, c.id);
      if (!locked) return;
      const ended = await repo.endRights(tx, [c.id], { at: now, reason, by: null, requestId: null });
      if (ended.length === 0) return;
      await ctx.audit.record(
        {
          action: 'rights.ended',
          actor: auditActor(actor),
          target: { type: 'use_right', id: c.id },
          outcome: 'success',
          reason,
          details: { userId: locked.user_id, applicationId: locked.application_id, kind: locked.kind },
        },
        { tx },
      );
      result.ended[reason] = (result.ended[reason] ?? 0) + 1;
    });
  }
  result.paperworkOverdue = (await repo.paperworkOverdueRights(ctx.db, today)).map((r) => ({
    rightId: r.id,
    loginId: r.login_id,
    applicationCode: r.application_code,
    dueOn: r.paperwork_due_on,
    requestNumber: r.request_number,
  }));
  return result;
}
