import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { assertMayHandle, deny, notFound, withAuditedRefusal } from './access.js';
import * as repo from './repo.js';
import { checkEvent, type EventInput } from './rules.js';

/**
 * Handlings of a material (OUT-2, OUT-5, OUT-6), the unit head's confirmation (OUT-3) and the
 * pre-delivery check that replaces it where the application uses it (OUT-4). Each change and its
 * audit entry commit together; each refusal is recorded.
 */

export async function recordEvent(ctx: ServiceContext, actor: UserActor, materialId: string, input: EventInput) {
  const m = await repo.findMaterial(ctx.db, materialId);
  if (!m) throw notFound();
  await assertMayHandle(ctx, actor, m);
  const target = { type: 'output_material', id: m.id };
  return withAuditedRefusal(ctx, actor, target, 'output.event', () =>
    ctx.db.transaction().execute(async (tx) => {
      const locked = await repo.lockMaterial(tx, materialId);
      if (!locked) throw notFound();
      const rule = checkEvent(locked.state, input);
      if (!rule.ok) throw new AppError(rule.code, { ja: rule.ja, en: rule.en });
      if (input.kind === 'deliver' && locked.check_mode === 'pre_delivery') await requirePreDeliveryCheck(tx, locked.id);
      const now = ctx.clock.now();
      let copy: { id: string; number: string } | null = null;
      if (input.kind === 'copy') {
        // OUT-5 (AIC 第8-5(2)): a copy is treated as a newly created output material.
        const number = await repo.nextOutputNumber(tx, now);
        const created = await repo.insertMaterial(tx, {
          number,
          application_id: locked.application_id,
          unit_id: locked.unit_id,
          inquiry_id: locked.inquiry_id,
          request_id: locked.request_id,
          copy_of: locked.id,
          basis: locked.basis,
          kind: 'copy',
          purpose: locked.purpose,
          summary: `${locked.summary}（${locked.number} の複写）`,
          quantity: input.quantity ?? 1,
          check_mode: locked.check_mode,
          state: 'held',
          created_by: actor.userId,
          created_at: now,
          last_event_at: now,
        });
        await repo.appendEvent(tx, {
          ...eventColumns(input),
          material_id: created.id,
          kind: 'create',
          at: now,
          handler_id: actor.userId,
          quantity: created.quantity,
          note: `複写元 ${locked.number}: ${input.note ?? ''}`.slice(0, 1100),
        });
        copy = { id: created.id, number };
      }
      const event = await repo.appendEvent(tx, {
        ...eventColumns(input),
        material_id: locked.id,
        kind: input.kind,
        at: now,
        handler_id: actor.userId,
        quantity: input.quantity ?? locked.quantity,
        note: copy ? `複写先 ${copy.number}${input.note ? `: ${input.note}` : ''}` : (input.note ?? null),
      });
      await repo.setMaterialState(tx, locked.id, rule.nextState, now);
      await ctx.audit.record(
        {
          action: 'output.event',
          actor: auditActor(actor),
          target: { type: 'output_material', id: locked.id, label: locked.number },
          outcome: 'success',
          details: {
            kind: input.kind,
            seq: event.seq,
            eventId: event.id,
            quantity: event.quantity,
            recipient: event.recipient,
            means: event.means,
            method: event.method,
            approval: event.approval,
            countermeasure: event.countermeasure,
            place: event.place,
            stateBefore: locked.state,
            stateAfter: rule.nextState,
            copyNumber: copy?.number ?? null,
          },
        },
        { tx },
      );
      return { eventId: event.id, seq: event.seq, state: rule.nextState, copy };
    }),
  );
}

function eventColumns(input: EventInput) {
  return {
    quantity: input.quantity ?? null,
    recipient: input.recipient ?? null,
    means: input.means ?? null,
    method: input.method ?? null,
    note: input.note ?? null,
    approval: input.approval ?? null,
    countermeasure: input.countermeasure ?? null,
    place: input.place ?? null,
  };
}

/** OUT-4: in pre-delivery mode the latest handling must carry the supervisor's check before a delivery. */
async function requirePreDeliveryCheck(tx: repo.Db, materialId: string): Promise<void> {
  const last = await repo.latestEvent(tx, materialId);
  const check = last ? await repo.confirmationOf(tx, last.id) : undefined;
  if (check?.mode !== 'pre_delivery') {
    throw new AppError('invalid_state', {
      ja: '交付の前に直属の上司による事前確認が必要です。',
      en: 'A delivery needs the direct supervisor’s check first.',
    });
  }
}

/**
 * OUT-3: a manager of the material's unit confirms one handling — never one they handled themselves,
 * nor any handling of a material they made (ORG-3: nobody confirms their own output).
 */
export async function confirm(ctx: ServiceContext, actor: UserActor, eventId: string, note: string | undefined) {
  const event = await repo.findEvent(ctx.db, eventId);
  const m = event ? await repo.findMaterial(ctx.db, event.material_id) : undefined;
  if (!event || !m) throw new AppError('not_found', { ja: '記録が見つかりません。', en: 'No such ledger entry.' });
  await authorize(ctx, actor, 'output.confirm', { type: 'Unit', code: m.unit_code });
  const target = { type: 'output_event', id: event.id };
  if (event.handler_id === actor.userId) {
    await deny(ctx, actor, target, 'output.confirm', 'own_handling', new AppError('sod_violation'));
  }
  if (m.created_by === actor.userId) {
    await deny(ctx, actor, target, 'output.confirm', 'own_material', new AppError('sod_violation'));
  }
  return withAuditedRefusal(ctx, actor, target, 'output.confirm', () =>
    ctx.db.transaction().execute(async (tx) => {
      const locked = await repo.lockMaterial(tx, m.id);
      if (locked?.check_mode !== 'unit_head') {
        throw new AppError('invalid_state', {
          ja: 'この適用業務は交付前の事前確認で運用しています（所属長確認は不要です）。',
          en: 'This application uses the pre-delivery check instead of unit-head confirmation.',
        });
      }
      if (await repo.confirmationOf(tx, event.id)) {
        throw new AppError('conflict', { ja: 'この記録は確認済みです。', en: 'This entry is already confirmed.' });
      }
      const now = ctx.clock.now();
      await repo.insertConfirmation(tx, {
        event_id: event.id,
        mode: 'unit_head',
        confirmed_by: actor.userId,
        confirmed_at: now,
        note: note ?? null,
      });
      await ctx.audit.record(
        {
          action: 'output.confirmed',
          actor: auditActor(actor),
          target: { type: 'output_material', id: m.id, label: m.number },
          outcome: 'success',
          details: { eventId: event.id, seq: event.seq, kind: event.kind, mode: 'unit_head' },
        },
        { tx },
      );
      return { eventId: event.id, mode: 'unit_head' as const, confirmedAt: now.toISOString() };
    }),
  );
}

/**
 * OUT-4 (AIC 第8-7(3)): before a material of a pre-delivery application is handed over, the direct
 * supervisor checks it. Here "direct supervisor" is a manager post of the material's unit ('output.confirm'
 * on the unit); the night-duty commander (当直責任者) is not modelled. The check confirms the material's
 * latest handling, so anything recorded after it needs a new check before a delivery.
 */
export async function preDeliveryCheck(ctx: ServiceContext, actor: UserActor, materialId: string, note: string | undefined) {
  const m = await repo.findMaterial(ctx.db, materialId);
  if (!m) throw notFound();
  await authorize(ctx, actor, 'output.confirm', { type: 'Unit', code: m.unit_code });
  const target = { type: 'output_material', id: m.id };
  const checked = await repo.latestEvent(ctx.db, m.id);
  if (!checked) throw notFound();
  // The supervisor checks someone else's work: never their own material or handling.
  if (m.created_by === actor.userId || checked.handler_id === actor.userId) {
    await deny(ctx, actor, target, 'output.pre_delivery_check', 'own_material', new AppError('sod_violation'));
  }
  return withAuditedRefusal(ctx, actor, target, 'output.pre_delivery_check', () =>
    ctx.db.transaction().execute(async (tx) => {
      const locked = await repo.lockMaterial(tx, m.id);
      if (locked?.check_mode !== 'pre_delivery') {
        throw new AppError('invalid_state', {
          ja: 'この適用業務は所属長確認で運用しています。',
          en: 'This application uses unit-head confirmation, not the pre-delivery check.',
        });
      }
      if (locked.state !== 'held') {
        throw new AppError('invalid_state', {
          ja: '保有中の資料だけが交付前確認の対象です。',
          en: 'Only a held material can be checked for delivery.',
        });
      }
      const last = await repo.latestEvent(tx, m.id);
      if (last?.id !== checked.id) {
        throw new AppError('conflict', {
          ja: '確認中に新しい記録が追加されました。',
          en: 'A handling was recorded meanwhile; check again.',
        });
      }
      if (await repo.confirmationOf(tx, last.id)) {
        throw new AppError('conflict', { ja: '既に事前確認済みです。', en: 'Already checked.' });
      }
      const now = ctx.clock.now();
      await repo.insertConfirmation(tx, {
        event_id: last.id,
        mode: 'pre_delivery',
        confirmed_by: actor.userId,
        confirmed_at: now,
        note: note ?? null,
      });
      await ctx.audit.record(
        {
          action: 'output.pre_delivery_checked',
          actor: auditActor(actor),
          target: { type: 'output_material', id: m.id, label: m.number },
          outcome: 'success',
          details: { eventId: last.id, seq: last.seq, mode: 'pre_delivery' },
        },
        { tx },
      );
      return { eventId: last.id, mode: 'pre_delivery' as const, confirmedAt: now.toISOString() };
    }),
  );
}
