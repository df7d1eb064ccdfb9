import type { ServiceContext } from '../../context.js';
import type { RequestRow } from '../../db/schema.js';
import type { JsonValue } from '../audit/canonical-json.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { type Db, insertHistory } from './repo.js';

/**
 * Every transition of a request is a history line and an audit entry, written in the transaction
 * that makes the change (AUD-1): both commit with it, or neither does.
 */
export async function recordTransition(
  ctx: ServiceContext,
  tx: Db,
  actor: Actor,
  request: Pick<RequestRow, 'id' | 'number' | 'type_code' | 'round'>,
  t: {
    action: string;
    from: string | null;
    to: string | null;
    onBehalfOf?: string | null;
    details?: Record<string, JsonValue>;
  },
): Promise<void> {
  const at = ctx.clock.now();
  await insertHistory(tx, {
    request_id: request.id,
    at,
    actor_id: actor.kind === 'user' ? actor.userId : null,
    on_behalf_of_id: t.onBehalfOf ?? null,
    action: t.action,
    from_state: t.from,
    to_state: t.to,
    round: request.round,
    details: t.details ?? {},
  });
  await ctx.audit.record(
    {
      action: `request.${t.action}`,
      actor: auditActor(actor),
      target: { type: 'request', id: request.id, label: request.number },
      outcome: 'success',
      details: {
        typeCode: request.type_code,
        from: t.from,
        to: t.to,
        round: request.round,
        ...(t.onBehalfOf ? { onBehalfOf: t.onBehalfOf } : {}),
        ...(t.details ?? {}),
      },
    },
    { tx },
  );
}
