import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError, isAppError } from '../../http/errors.js';
import { auditActor, principalOf, type UserActor } from '../identity/actor.js';

/**
 * Who sees and handles which ledger entries (OUT-2, OUT-3):
 * - staff: the materials they created;
 * - the unit's managers (所属長, 情報管理責任者, 情報管理者): every material of their unit ('output.confirm' on Unit);
 * - 総務部長, システム管理者, 監査: any unit, to read ('output.review').
 * Handling (events) is for the creator and the unit's managers; reviewers read, they do not handle.
 */

export function mayReviewAll(ctx: ServiceContext, actor: UserActor): boolean {
  return ctx.authorizer.decide(principalOf(actor), 'output.review', { type: 'System' }).allowed;
}

/** Units whose ledger the person keeps, decided by Cedar per unit (no audit: this only narrows a list). */
export function confirmableUnitCodes(ctx: ServiceContext, actor: UserActor): string[] {
  return actor.managedUnitCodes.filter(
    (code) => ctx.authorizer.decide(principalOf(actor), 'output.confirm', { type: 'Unit', code }).allowed,
  );
}

interface MaterialRef {
  created_by: string;
  unit_code: string;
}

/** OUT-3: read one material; a refusal is audited by `authorize`. */
export async function assertMayRead(ctx: ServiceContext, actor: UserActor, m: MaterialRef): Promise<void> {
  if (m.created_by === actor.userId) return;
  if (confirmableUnitCodes(ctx, actor).includes(m.unit_code)) return;
  await authorize(ctx, actor, 'output.review', { type: 'System' });
}

/** OUT-2: record a handling of one material; a refusal is audited by `authorize`. */
export async function assertMayHandle(ctx: ServiceContext, actor: UserActor, m: MaterialRef): Promise<void> {
  await authorize(ctx, actor, 'output.record', { type: 'System' });
  if (m.created_by === actor.userId) return;
  await authorize(ctx, actor, 'output.confirm', { type: 'Unit', code: m.unit_code });
}

export function notFound(): AppError {
  return new AppError('not_found', { ja: '出力資料が見つかりません。', en: 'No such output material.' });
}

/**
 * Records a refusal decided here (a rule on the data, not a Cedar policy) the way the guard records
 * its own — outside any transaction, so the entry stays though nothing else is written — then throws.
 */
export async function deny(
  ctx: ServiceContext,
  actor: UserActor,
  target: { type: string; id: string },
  requestedAction: string,
  reason: string,
  error: AppError,
): Promise<never> {
  await ctx.audit.record({
    action: 'authz.denied',
    actor: auditActor(actor),
    target,
    outcome: 'denied',
    reason,
    details: { requestedAction },
  });
  throw error;
}

/** Refusals on the state of the data (not on who asks), recorded like any other refusal (AUD-1). */
const STATE_REFUSALS = new Set(['invalid_state', 'validation_failed', 'conflict']);

/**
 * Runs a change; if it is refused because of the data (a rule of the ledger inside the transaction,
 * which rolled back), the refusal is recorded after the rollback and the error passed on.
 */
export async function withAuditedRefusal<T>(
  ctx: ServiceContext,
  actor: UserActor,
  target: { type: string; id: string },
  requestedAction: string,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (e) {
    if (!isAppError(e) || !STATE_REFUSALS.has(e.code)) throw e;
    await ctx.audit.record({
      action: requestedAction,
      actor: auditActor(actor),
      target,
      outcome: 'denied',
      reason: e.code,
      details: { rule: e.detail?.en ?? null },
    });
    throw e;
  }
}
