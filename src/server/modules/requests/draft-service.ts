import { refuse } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import type { RequestRow } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import type { Actor, UserActor } from '../identity/actor.js';
import { currentRound, loadAuthorized, type RequestBundle } from './access.js';
import { cancelEffect } from './effects.js';
import { nextRequestNumber } from './numbers.js';
import { presentSummaries, type RequestSummary } from './presenters.js';
import * as repo from './repo.js';
import { capacitiesFor, resolveRoute } from './route-resolution.js';
import { type SodViolation, sodViolation } from './separation-of-duties.js';
import { recordTransition } from './transitions.js';
import { requestType } from './types/index.js';
import { checkNamedPeople, quotedPermitRequest, requirePeriodNotEnded, resolveBeneficiary, validateFields } from './validation.js';

const DAY = 86_400_000;

function requireType(code: string) {
  const type = requestType(code);
  if (!type) throw new AppError('validation_failed', { ja: `申請種別 ${code} はありません。`, en: `Unknown request type ${code}.` });
  return type;
}

function stateError(state: string): AppError {
  return new AppError('invalid_state', {
    ja: `現在の状態（${state}）ではこの操作はできません。`,
    en: `This is not possible while the request is ${state}.`,
  });
}

export async function summaryOf(ctx: ServiceContext, row: RequestRow): Promise<RequestSummary> {
  const [summary] = await presentSummaries(ctx.db, [row], ctx.clock.now());
  if (!summary) throw new AppError('not_found');
  return summary;
}

/** A new draft (下書き) by a member of a unit; the fields must already be what the form needs. */
export async function createDraft(ctx: ServiceContext, actor: UserActor, input: { typeCode: string; fields: unknown }) {
  const type = requireType(input.typeCode);
  const unit = actor.unit;
  if (!unit)
    throw new AppError('invalid_state', { ja: '所属が登録されていないため申請できません。', en: 'You have no unit to apply from.' });
  const fields = validateFields(type, input.fields);
  const now = ctx.clock.now();
  const beneficiary = await resolveBeneficiary(ctx.db, type, fields, unit.id, tokyoDate(now));
  await checkNamedPeople(ctx.db, fields);
  await quotedPermitRequest(ctx.db, type, fields, unit.id, tokyoDate(now));
  const row = await ctx.db.transaction().execute(async (tx) => {
    const created = await repo.insertRequest(tx, {
      number: await nextRequestNumber(tx, now),
      type_code: type.code,
      applicant_id: actor.userId,
      applicant_unit_id: unit.id,
      beneficiary_id: beneficiary?.id ?? null,
      fields,
      at: now,
    });
    await recordTransition(ctx, tx, actor, created, { action: 'create', from: null, to: 'draft' });
    return created;
  });
  return summaryOf(ctx, row);
}

/** The applicant changes a draft, or a returned (差戻し) request before resubmitting it. */
export async function updateDraft(ctx: ServiceContext, actor: UserActor, id: string, input: { fields: unknown }) {
  const { bundle } = await loadAuthorized(ctx, actor, id, 'request.edit');
  const type = requireType(bundle.request.type_code);
  const fields = validateFields(type, input.fields);
  const today = tokyoDate(ctx.clock.now());
  const beneficiary = await resolveBeneficiary(ctx.db, type, fields, bundle.request.applicant_unit_id, today);
  await checkNamedPeople(ctx.db, fields);
  await quotedPermitRequest(ctx.db, type, fields, bundle.request.applicant_unit_id, today);
  const row = await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.lockRequest(tx, bundle.request.id);
    if (!locked) throw new AppError('not_found');
    if (locked.state !== 'draft' && locked.state !== 'returned') throw stateError(locked.state);
    const changed = Object.keys({ ...locked.fields, ...fields }).filter(
      (k) => JSON.stringify(locked.fields[k]) !== JSON.stringify(fields[k]),
    );
    const updated = await repo.updateRequest(tx, locked.id, { fields, beneficiary_id: beneficiary?.id ?? null }, ctx.clock.now());
    await recordTransition(ctx, tx, actor, updated, { action: 'update', from: locked.state, to: locked.state, details: { changed } });
    return updated;
  });
  return summaryOf(ctx, row);
}

/**
 * Submits a draft, or resubmits a returned request (`expect` says which): the route of the new
 * round is resolved from the organisation today and the first stage starts its clock. A period
 * already over is refused (`period_ended`); a change or abolition of a bring-in fixes here the
 * permit it ends (CON-3).
 */
export async function submit(ctx: ServiceContext, actor: UserActor, id: string, expect: 'draft' | 'returned') {
  const { bundle } = await loadAuthorized(ctx, actor, id, 'request.edit');
  const type = requireType(bundle.request.type_code);
  const row = await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.lockRequest(tx, bundle.request.id);
    if (!locked) throw new AppError('not_found');
    if (locked.state !== expect) throw stateError(locked.state);
    const now = ctx.clock.now();
    // Fields are checked again: the organisation (a beneficiary's unit) may have changed since the draft.
    const today = tokyoDate(now);
    validateFields(type, locked.fields);
    requirePeriodNotEnded(type, locked.fields, today);
    await resolveBeneficiary(tx, type, locked.fields, locked.applicant_unit_id, today);
    const supersedes = await quotedPermitRequest(tx, type, locked.fields, locked.applicant_unit_id, today);
    await repo.setSupersedes(tx, locked.id, supersedes);
    const stages = await resolveRoute(tx, type, locked.fields, { id: locked.applicant_id, unitId: locked.applicant_unit_id }, today);
    const round = locked.round + 1;
    await repo.insertStages(
      tx,
      stages.map((s) => ({ ...s, request_id: locked.id, round })),
    );
    const first = stages.filter((s) => s.position === 0);
    const dueDays = Math.max(...first.map((s) => s.due_days));
    const updated = await repo.updateRequest(
      tx,
      locked.id,
      {
        state: 'submitted',
        round,
        current_position: 0,
        stage_entered_at: now,
        stage_due_at: new Date(now.getTime() + dueDays * DAY),
        submitted_at: now,
        last_reminded_at: null,
      },
      now,
    );
    await recordTransition(ctx, tx, actor, updated, {
      action: expect === 'draft' ? 'submit' : 'resubmit',
      from: locked.state,
      to: 'submitted',
      details: {
        route: stages.map((s) => `${s.position}:${s.label_ja}`),
        ...(supersedes ? { supersedesRequestId: supersedes } : {}),
      },
    });
    return updated;
  });
  return summaryOf(ctx, row);
}

/** 取下げ: the applicant takes the request back before the final decision. */
export async function withdraw(ctx: ServiceContext, actor: UserActor, id: string, input: { reason?: string | undefined }) {
  const { bundle } = await loadAuthorized(ctx, actor, id, 'request.edit');
  const row = await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.lockRequest(tx, bundle.request.id);
    if (!locked) throw new AppError('not_found');
    if (!['draft', 'submitted', 'returned'].includes(locked.state)) throw stateError(locked.state);
    const updated = await repo.updateRequest(tx, locked.id, { state: 'withdrawn', current_position: null }, ctx.clock.now());
    await recordTransition(ctx, tx, actor, updated, {
      action: 'withdraw',
      from: locked.state,
      to: 'withdrawn',
      details: { reason: input.reason ?? null },
    });
    return updated;
  });
  return summaryOf(ctx, row);
}

/**
 * ORG-3 (EDO 4(8)) for 取消: Cedar's `separation-of-duties` keeps the applicant and the beneficiary
 * from cancelling in person; here the same holds for a deputy (代決) whose only footing as final
 * approver is a holder who applied or benefits. A システム管理者 cancels in their own right.
 */
async function cancelSodViolation(ctx: ServiceContext, actor: UserActor, bundle: RequestBundle): Promise<SodViolation | null> {
  if (actor.roles.includes('system_admin')) return null;
  const now = ctx.clock.now();
  const violations: SodViolation[] = [];
  for (const stage of currentRound(bundle).filter((s) => s.final)) {
    for (const capacity of await capacitiesFor(ctx.db, actor.userId, stage, tokyoDate(now), now)) {
      const violation = sodViolation(bundle.request, [], actor.userId, capacity.onBehalfOf);
      if (!violation) return null;
      violations.push(violation);
    }
  }
  return violations[0] ?? null;
}

/** 取消: an approval is revoked by the final approver or システム管理者; its effect is withdrawn. */
export async function cancel(ctx: ServiceContext, actor: Actor, id: string, input: { reason: string }) {
  const { bundle, resource } = await loadAuthorized(ctx, actor, id, 'request.cancel');
  const violation = actor.kind === 'user' ? await cancelSodViolation(ctx, actor, bundle) : null;
  if (violation) await refuse(ctx, actor, resource, 'request.cancel', `sod:${violation}`, 'sod_violation');
  const row = await ctx.db.transaction().execute(async (tx) => {
    const locked = await repo.lockRequest(tx, bundle.request.id);
    if (!locked) throw new AppError('not_found');
    if (locked.state !== 'approved' && locked.state !== 'expired') throw stateError(locked.state);
    const now = ctx.clock.now();
    const effect = await cancelEffect(tx, locked, now);
    const updated = await repo.updateRequest(tx, locked.id, { state: 'cancelled' }, now);
    await recordTransition(ctx, tx, actor, updated, {
      action: 'cancel',
      from: locked.state,
      to: 'cancelled',
      details: { reason: input.reason, ...(effect.revokedPermitNumber ? { revokedPermitNumber: effect.revokedPermitNumber } : {}) },
    });
    return updated;
  });
  return summaryOf(ctx, row);
}
