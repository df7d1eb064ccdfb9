import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { findUnitByCode } from '../org/repo.js';
import { lockEffectWithRequest, markEffectProcessed } from '../requests/registers-repo.js';
import { parseUseRightEffect, type UseRightEffect } from './effect-target.js';
import { planGrant, type Refusal } from './grant-plan.js';
import * as repo from './repo.js';

export interface RegistrationResult {
  /** The right registered (grant) or the first one ended (removal, cancellation); null when none was open. */
  useRightId: string | null;
  action: 'grant' | 'remove' | 'cancel';
  endedRightIds: string[];
}

const ALREADY_PROCESSED: Refusal = {
  reason: 'already_processed',
  code: 'conflict',
  ja: 'この申請の登録は既に処理されています。',
  en: 'This effect has already been processed.',
};

/**
 * Records a refusal of registration decided from data (AUD-1), outside any transaction so the entry
 * stays although nothing else is written, then answers with the refusal's code.
 */
export async function refuseEffect(ctx: ServiceContext, actor: Actor, e: repo.EffectRow, action: string, r: Refusal): Promise<never> {
  await ctx.audit.record({
    action,
    actor: auditActor(actor),
    target: { type: 'request_effect', id: e.id, label: e.request_number },
    outcome: 'denied',
    reason: r.reason,
    details: { effect: e.effect, typeCode: e.type_code, requestId: e.request_id },
  });
  throw new AppError(r.code, { ja: r.ja, en: r.en });
}

/** The queued effect and what it asks for, or an audited refusal (unknown, not this kind, unreadable). */
export async function effectOrRefuse<T>(
  ctx: ServiceContext,
  actor: Actor,
  effectId: string,
  action: string,
  parse: (e: repo.EffectRow) => T,
): Promise<{ e: repo.EffectRow; parsed: T }> {
  const e = await repo.findEffect(ctx.db, effectId);
  try {
    if (!e) throw new AppError('not_found');
    return { e, parsed: parse(e) };
  } catch (err) {
    await ctx.audit.record({
      action,
      actor: auditActor(actor),
      target: { type: 'request_effect', id: effectId },
      outcome: 'denied',
      reason: err instanceof AppError ? err.code : 'unreadable',
    });
    throw err;
  }
}

export function userIdOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/**
 * APP-3, APP-4, APP-5: the 登録担当者 of the unit the right is for (the applicant unit of a 様式4, the
 * host unit of a 様式5) registers what 総務部長 approved — a grant, a removal, or the end of a right
 * whose approval was cancelled. The queue row is locked, the work done and the row marked processed
 * in one transaction with its audit entry; a second registration is a 409.
 */
export async function registerUseRightEffect(ctx: ServiceContext, actor: Actor, effectId: string): Promise<RegistrationResult> {
  // Whose registrar may act depends on the effect (its unit), so it is read first; a missing or
  // unreadable one is a refusal like any other (AUD-1).
  const { e, parsed: effect } = await effectOrRefuse(ctx, actor, effectId, 'rights.register', parseUseRightEffect);
  await authorize(ctx, actor, 'rights.register', { type: 'Unit', code: effect.unitCode });
  const now = ctx.clock.now();
  const today = tokyoDate(now);
  const by = userIdOf(actor);
  const outcome = await ctx.db.transaction().execute(async (tx): Promise<{ refused: Refusal } | { done: RegistrationResult }> => {
    const locked = await lockEffectWithRequest(tx, e.id);
    if (!locked) throw new AppError('not_found');
    if (locked.processed_at !== null) return { refused: ALREADY_PROCESSED };
    if (effect.action === 'grant') {
      // The request's state as of the lock: a cancellation committed meanwhile is seen here.
      const planned = await planGrant(tx, { ...e, request_state: locked.request_state }, effect, today);
      if ('refused' in planned) return planned;
      const { label, ...row } = planned.plan;
      const id = await repo.insertRight(tx, { ...row, registered_by: by, registered_at: now });
      await markEffectProcessed(tx, e.id, { at: now, by, outcome: { useRightId: id } });
      await ctx.audit.record(
        {
          action: 'rights.registered',
          actor: auditActor(actor),
          target: { type: 'use_right', id, label },
          outcome: 'success',
          details: {
            requestNumber: e.request_number,
            effectId: e.id,
            kind: row.kind,
            unit: effect.unitCode,
            accessScope: row.access_scope,
            validFrom: row.valid_from,
            validTo: row.valid_to,
            paperworkDueOn: row.paperwork_due_on,
          },
        },
        { tx },
      );
      return { done: { useRightId: id, action: effect.action, endedRightIds: [] } satisfies RegistrationResult };
    }
    const ended = await endForEffect(tx, e, effect, now, by);
    const closed = effect.action === 'cancel' ? await repo.closeSiblingEffects(tx, e.request_id, e.id, now, by) : [];
    await markEffectProcessed(tx, e.id, { at: now, by, outcome: { endedRightIds: ended, closedEffectIds: closed } });
    await ctx.audit.record(
      {
        action: 'rights.removed',
        actor: auditActor(actor),
        target: { type: 'request_effect', id: e.id, label: e.request_number },
        outcome: 'success',
        details: {
          reason: effect.action === 'cancel' ? 'cancelled' : 'removed',
          endedRightIds: ended,
          closedEffectIds: closed,
          applicationCode: effect.fields.applicationCode,
          unit: effect.unitCode,
        },
      },
      { tx },
    );
    return { done: { useRightId: ended[0] ?? null, action: effect.action, endedRightIds: ended } satisfies RegistrationResult };
  });
  if ('refused' in outcome) return refuseEffect(ctx, actor, e, 'rights.register', outcome.refused);
  return outcome.done;
}

/**
 * A removal ends the open right of that kind at that unit; a cancellation ends what the cancelled
 * request registered. Nothing open is not an error: a transfer may already have ended it.
 */
async function endForEffect(tx: repo.Db, e: repo.EffectRow, effect: UseRightEffect, at: Date, by: string | null): Promise<string[]> {
  if (effect.action === 'cancel') {
    const ids = await repo.openRightIdsOfGrant(tx, e.request_id);
    return repo.endRights(tx, ids, { at, reason: 'cancelled', by, requestId: e.request_id });
  }
  const app = await repo.findApplicationByCode(tx, effect.fields.applicationCode);
  if (!app || !e.beneficiary_id) return [];
  const unitId = effect.form === 'aic4' ? e.applicant_unit_id : (await findUnitByCode(tx, effect.unitCode))?.id;
  if (!unitId) return [];
  const ids = await repo.openRightIds(tx, {
    userId: e.beneficiary_id,
    applicationId: app.id,
    kinds: effect.form === 'aic4' ? ['regular', 'emergency'] : ['dispatch'],
    unitId,
  });
  return repo.endRights(tx, ids, { at, reason: 'removed', by, requestId: e.request_id });
}

/** APP-3: the open use-right effects the registrar of `unitCode` is to register. */
export async function listPending(ctx: ServiceContext, actor: Actor, unitCode: string) {
  await authorize(ctx, actor, 'rights.register', { type: 'Unit', code: unitCode });
  const unit = await findUnitByCode(ctx.db, unitCode);
  if (!unit) throw new AppError('not_found');
  const rows = await repo.openUseRightEffectsOfUnit(ctx.db, unit.id, unit.code);
  return {
    unit: { code: unit.code, name: unit.name },
    items: rows.map((r) => {
      const f = r.request_fields as Record<string, unknown>;
      const text = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : null);
      return {
        effectId: r.id,
        effect: r.effect,
        typeCode: r.type_code,
        request: { id: r.request_id, number: r.request_number },
        beneficiary: r.beneficiary_login_id ? { loginId: r.beneficiary_login_id, name: r.beneficiary_name } : null,
        applicationCode: text('applicationCode'),
        accessScope: text('accessScope'),
        validFrom: text('effectiveOn') ?? text('dispatchFrom'),
        validTo: text('validTo') ?? text('dispatchTo'),
        dispatchName: text('dispatchName'),
        emergency: r.oral_at !== null,
        paperworkDueAt: r.paperwork_due_at?.toISOString() ?? null,
        queuedAt: r.created_at.toISOString(),
      };
    }),
  };
}
