import type { ServiceContext } from '../../context.js';
import { isAppError } from '../../http/errors.js';
import { type Actor, auditActor } from '../identity/actor.js';

/**
 * AUD-1: a refused processing of an effect (already processed, wrong state, invalid file) is a
 * trail entry too. It is written after the transaction rolled back, so it stays although nothing
 * else was written; then the refusal goes on to the caller unchanged.
 */
export async function auditRefusals<T>(
  ctx: ServiceContext,
  actor: Actor,
  action: string,
  effectId: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isAppError(e) && e.status < 500) {
      await ctx.audit.record({
        action,
        actor: auditActor(actor),
        target: { type: 'effect', id: effectId },
        outcome: 'denied',
        reason: e.code,
      });
    }
    throw e;
  }
}
