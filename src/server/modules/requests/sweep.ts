import type { ServiceContext } from '../../context.js';
import { tokyoDate } from '../../shared/clock.js';
import { auditActor, type SystemActor } from '../identity/actor.js';
import { paperworkOwed } from './presenters.js';
import * as repo from './repo.js';
import { recordTransition } from './transitions.js';

const DAY = 86_400_000;

export interface SweepResult {
  expired: number;
  reminded: number;
  paperworkReminded: number;
}

/**
 * The periodic job of the approval engine (run by `serve` and `sekimori requests sweep`), driven by
 * the injectable clock so tests are exact:
 * - approved requests whose period has ended become 期限切れ (expired);
 * - a submitted request past its stage's due time gets a reminder — an audit entry naming the stage,
 *   at most once a day — and shows as overdue in inboxes and the report;
 * - oral approvals whose written application is overdue get the same daily reminder (APP-5), while
 *   the approval stands: a cancelled request owes no paperwork.
 * Each request is handled in its own transaction under its row lock, so two app nodes running the
 * job at once neither double-expire nor double-remind.
 */
export async function sweepRequests(ctx: ServiceContext, actor: SystemActor): Promise<SweepResult> {
  const now = ctx.clock.now();
  const result: SweepResult = { expired: 0, reminded: 0, paperworkReminded: 0 };
  for (const r of await repo.lapsedRequests(ctx.db, tokyoDate(now))) {
    await ctx.db.transaction().execute(async (tx) => {
      const locked = await repo.lockRequest(tx, r.id);
      if (locked?.state !== 'approved' || !locked.valid_to || locked.valid_to >= tokyoDate(now)) return;
      const updated = await repo.updateRequest(tx, r.id, { state: 'expired' }, now);
      await recordTransition(ctx, tx, actor, updated, {
        action: 'expire',
        from: 'approved',
        to: 'expired',
        details: { validTo: locked.valid_to },
      });
      result.expired += 1;
    });
  }
  const due = (last: Date | null) => last === null || last.getTime() + DAY <= now.getTime();
  for (const r of await repo.overdueRequests(ctx.db, now)) {
    if (!due(r.last_reminded_at)) continue;
    await remind(ctx, actor, r.id, 'request.reminder', now, (l) => l.state === 'submitted' && due(l.last_reminded_at));
    result.reminded += 1;
  }
  for (const r of await repo.listRequests(ctx.db, { paperworkOverdueAt: now, limit: 1000, offset: 0 })) {
    if (!due(r.last_reminded_at)) continue;
    await remind(ctx, actor, r.id, 'request.paperwork.reminder', now, (l) => paperworkOwed(l) && due(l.last_reminded_at));
    result.paperworkReminded += 1;
  }
  return result;
}

async function remind(
  ctx: ServiceContext,
  actor: SystemActor,
  id: string,
  action: string,
  now: Date,
  still: (r: NonNullable<Awaited<ReturnType<typeof repo.lockRequest>>>) => boolean,
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.lockRequest(tx, id);
    if (!locked || !still(locked)) return;
    await repo.updateRequest(tx, id, { last_reminded_at: now }, now);
    await ctx.audit.record(
      {
        action,
        actor: auditActor(actor),
        target: { type: 'request', id, label: locked.number },
        outcome: 'success',
        details: {
          state: locked.state,
          dueAt: (action === 'request.reminder' ? locked.stage_due_at : locked.paperwork_due_at)?.toISOString() ?? null,
        },
      },
      { tx },
    );
  });
}
