import type { ServiceContext } from '../context.js';
import { AppError } from '../http/errors.js';
import { type Actor, auditActor, principalOf } from '../modules/identity/actor.js';
import type { AuthzAction, AuthzResource } from './authorizer.js';

function resourceTarget(resource: AuthzResource): { type: string; id: string } {
  switch (resource.type) {
    case 'System':
      return { type: 'system', id: 'sekimori' };
    case 'Unit':
      return { type: 'unit', id: resource.code };
    case 'User':
      return { type: 'user', id: resource.id };
  }
}

/**
 * Asks Cedar; on denial records the refusal in the audit trail (AUD-1) and throws `forbidden`.
 * CLI operators act from the server itself and are audited, not policy-checked.
 */
export async function authorize(ctx: ServiceContext, actor: Actor, action: AuthzAction, resource: AuthzResource): Promise<void> {
  if (actor.kind === 'system') return;
  const decision = ctx.authorizer.decide(principalOf(actor), action, resource);
  if (decision.allowed) return;
  await ctx.audit.record({
    action: 'authz.denied',
    actor: auditActor(actor),
    target: resourceTarget(resource),
    outcome: 'denied',
    reason: decision.policies.length > 0 ? `forbidden_by:${decision.policies.join(',')}` : 'no_permit',
    details: { requestedAction: action },
  });
  throw new AppError(decision.policies.includes('no-self-administration') ? 'self_modification_forbidden' : 'forbidden');
}
