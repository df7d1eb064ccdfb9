import type { ServiceContext } from '../context.js';
import { AppError, type ErrorCode } from '../http/errors.js';
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
    case 'Request':
      return { type: 'request', id: resource.id };
  }
}

/** Forbid policies whose denial has a code of its own (the rest answer `forbidden`). */
const DENIAL_CODES: Readonly<Record<string, ErrorCode>> = {
  'no-self-administration': 'self_modification_forbidden',
  'separation-of-duties': 'sod_violation',
};

/**
 * Records a refusal decided in code (a rule that needs the database, e.g. ORG-3's "one person, one
 * stage") exactly like a Cedar denial, then throws. Call it outside any transaction: the entry must
 * stay even though nothing else is written.
 */
export async function refuse(
  ctx: ServiceContext,
  actor: Actor,
  resource: AuthzResource,
  action: AuthzAction,
  reason: string,
  code: ErrorCode,
): Promise<never> {
  await ctx.audit.record({
    action: 'authz.denied',
    actor: auditActor(actor),
    target: resourceTarget(resource),
    outcome: 'denied',
    reason,
    details: { requestedAction: action },
  });
  throw new AppError(code);
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
  const special = decision.policies.map((p) => DENIAL_CODES[p]).find((c) => c !== undefined);
  throw new AppError(special ?? 'forbidden');
}
