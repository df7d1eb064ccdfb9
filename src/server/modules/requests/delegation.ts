import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { findUserByLogin } from '../org/repo.js';
import { iso } from './presenters.js';
import * as routeRepo from './route-repo.js';

/**
 * 代決 (delegation): a post or role holder names a deputy for a period. Within it the deputy decides
 * the stages the holder could decide, and each such decision records both names (decider and on
 * behalf of). The separation-of-duties rules (ORG-3) apply to both people.
 */

export interface DelegationInput {
  deputyLoginId: string;
  validFrom: string;
  validTo: string;
  reason: string;
}

function present(d: Awaited<ReturnType<typeof routeRepo.delegationsOf>>[number], now: Date) {
  return {
    id: d.id,
    principal: { id: d.principal_id, loginId: d.principal_login_id, name: d.principal_name },
    deputy: { id: d.deputy_id, loginId: d.deputy_login_id, name: d.deputy_name },
    validFrom: iso(d.valid_from),
    validTo: iso(d.valid_to),
    reason: d.reason,
    createdAt: iso(d.created_at),
    revokedAt: iso(d.revoked_at),
    active: d.revoked_at === null && d.valid_from <= now && d.valid_to > now,
  };
}

export async function listDelegations(ctx: ServiceContext, actor: UserActor) {
  await authorize(ctx, actor, 'self.delegations', { type: 'User', id: actor.userId });
  const now = ctx.clock.now();
  const rows = await routeRepo.delegationsOf(ctx.db, actor.userId);
  return {
    given: rows.filter((r) => r.principal_id === actor.userId).map((r) => present(r, now)),
    received: rows.filter((r) => r.deputy_id === actor.userId).map((r) => present(r, now)),
  };
}

export async function createDelegation(ctx: ServiceContext, actor: UserActor, input: DelegationInput) {
  await authorize(ctx, actor, 'self.delegations', { type: 'User', id: actor.userId });
  const from = new Date(input.validFrom);
  const to = new Date(input.validTo);
  if (!(to > from))
    throw new AppError('validation_failed', { ja: '期間の終わりが始まりより前です。', en: 'The period ends before it starts.' });
  const now = ctx.clock.now();
  if (to <= now) throw new AppError('validation_failed', { ja: '期間が既に終わっています。', en: 'The period is already over.' });
  const date = tokyoDate(now);
  const deputy = await findUserByLogin(ctx.db, input.deputyLoginId);
  if (!deputy || deputy.disabled_at !== null || (deputy.retired_on !== null && deputy.retired_on <= date)) {
    throw new AppError('validation_failed', {
      ja: `職員 ${input.deputyLoginId} は登録されていません。`,
      en: `User ${input.deputyLoginId} does not exist.`,
    });
  }
  if (deputy.id === actor.userId) {
    throw new AppError('validation_failed', { ja: '自分自身を代決者にはできません。', en: 'You cannot name yourself as deputy.' });
  }
  const created = await ctx.db.transaction().execute(async (tx) => {
    const row = await routeRepo.insertDelegation(tx, {
      principal_id: actor.userId,
      deputy_id: deputy.id,
      valid_from: from,
      valid_to: to,
      reason: input.reason,
      created_at: now,
    });
    await ctx.audit.record(
      {
        action: 'request.delegation.create',
        actor: auditActor(actor),
        target: { type: 'user', id: deputy.id, label: deputy.login_id },
        outcome: 'success',
        details: { delegationId: row.id, validFrom: from.toISOString(), validTo: to.toISOString(), reason: input.reason },
      },
      { tx },
    );
    return row;
  });
  const [listed] = (await routeRepo.delegationsOf(ctx.db, actor.userId)).filter((r) => r.id === created.id);
  if (!listed) throw new AppError('not_found');
  return present(listed, now);
}

/**
 * Only the principal revokes their delegation. Someone else's is answered `not_found` (its existence
 * is not disclosed) and the attempt is recorded as a denial (AUD-1), outside the transaction.
 */
export async function revokeDelegation(ctx: ServiceContext, actor: UserActor, id: string) {
  await authorize(ctx, actor, 'self.delegations', { type: 'User', id: actor.userId });
  const existing = await routeRepo.findDelegation(ctx.db, id);
  if (existing && existing.principal_id !== actor.userId) {
    await ctx.audit.record({
      action: 'authz.denied',
      actor: auditActor(actor),
      target: { type: 'delegation', id },
      outcome: 'denied',
      reason: 'delegation_not_own',
      details: { requestedAction: 'self.delegations', principalId: existing.principal_id },
    });
    throw new AppError('not_found');
  }
  await ctx.db.transaction().execute(async (tx) => {
    const done = await routeRepo.revokeDelegation(tx, id, actor.userId, actor.userId, ctx.clock.now());
    if (!done) throw new AppError('not_found');
    await ctx.audit.record(
      {
        action: 'request.delegation.revoke',
        actor: auditActor(actor),
        target: { type: 'delegation', id },
        outcome: 'success',
      },
      { tx },
    );
  });
}
