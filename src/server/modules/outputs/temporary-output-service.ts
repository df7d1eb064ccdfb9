import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { auditActor, type UserActor } from '../identity/actor.js';
import { lockEffectWithRequest, markEffectProcessed } from '../requests/registers-repo.js';
import { withAuditedRefusal } from './access.js';
import * as repo from './repo.js';

/**
 * 様式第7 臨時出力 (APP-11, OUT-1 エ): the system manager makes the output an approved request asked
 * for. The material enters the ledger of the applicant's unit with basis 'temporary_output', and the
 * queued effect is marked processed in the same transaction, so it is made once only.
 */
export async function processTemporaryOutput(
  ctx: ServiceContext,
  actor: UserActor,
  effectId: string,
  input: { quantity: number; summary: string },
) {
  await authorize(ctx, actor, 'application.admin', { type: 'System' });
  return withAuditedRefusal(ctx, actor, { type: 'request_effect', id: effectId }, 'output.temporary_output', () =>
    ctx.db.transaction().execute(async (tx) => {
      const effect = await lockEffectWithRequest(tx, effectId);
      if (effect?.effect !== 'temporary_output') {
        throw new AppError('not_found', { ja: '臨時出力の処理待ちがありません。', en: 'No such temporary-output effect.' });
      }
      if (effect.processed_at) {
        throw new AppError('conflict', { ja: 'この臨時出力は処理済みです。', en: 'This temporary output was already made.' });
      }
      // A 取消 after approval withdraws the permission (its cancel effect closes this one too).
      if (effect.request_state !== 'approved') {
        throw new AppError('invalid_state', {
          ja: `申請 ${effect.request_number} は承認された状態にないため、臨時出力できません。`,
          en: `Request ${effect.request_number} is no longer approved.`,
        });
      }
      const fields = (effect.payload.fields ?? {}) as Record<string, unknown>;
      const code = typeof fields.applicationCode === 'string' ? fields.applicationCode : '';
      const application = await repo.findApplicationByCode(tx, code);
      if (application && application.state !== 'active') {
        throw new AppError('invalid_state', {
          ja: `適用業務 ${code} は運用中ではありません。`,
          en: `Application ${code} is not in operation.`,
        });
      }
      if (!application) {
        throw new AppError('invalid_state', {
          ja: `適用業務 ${code} が登録されていません。`,
          en: `Application ${code} is not registered.`,
        });
      }
      const purpose = typeof fields.purpose === 'string' ? fields.purpose : '臨時出力';
      const now = ctx.clock.now();
      const number = await repo.nextOutputNumber(tx, now);
      const material = await repo.insertMaterial(tx, {
        number,
        application_id: application.id,
        unit_id: effect.applicant_unit_id,
        inquiry_id: null,
        request_id: effect.request_id,
        copy_of: null,
        basis: 'temporary_output',
        kind: 'temporary_output',
        purpose,
        summary: input.summary,
        quantity: input.quantity,
        check_mode: application.output_check,
        state: 'held',
        created_by: actor.userId,
        created_at: now,
        last_event_at: now,
      });
      await repo.appendEvent(tx, {
        material_id: material.id,
        kind: 'create',
        at: now,
        handler_id: actor.userId,
        quantity: input.quantity,
        recipient: typeof fields.recipient === 'string' ? fields.recipient : null,
        means: null,
        method: null,
        note: `臨時出力申請 ${effect.request_number}`,
        approval: null,
        countermeasure: null,
        place: null,
      });
      await markEffectProcessed(tx, effect.id, { at: now, by: actor.userId, outcome: { materialId: material.id, number } });
      await ctx.audit.record(
        {
          action: 'output.created',
          actor: auditActor(actor),
          target: { type: 'output_material', id: material.id, label: number },
          outcome: 'success',
          purpose: { code: 'temporary_output', text: purpose },
          details: {
            kind: 'temporary_output',
            number,
            basis: 'temporary_output',
            requestId: effect.request_id,
            requestNumber: effect.request_number,
            effectId: effect.id,
            quantity: input.quantity,
          },
        },
        { tx },
      );
      return { materialId: material.id, number, requestNumber: effect.request_number };
    }),
  );
}
