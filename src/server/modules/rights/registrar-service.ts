import { authorize } from '../../authz/guard.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { type Actor, auditActor } from '../identity/actor.js';
import { assignmentOn, endPost, findUserById, insertPost, postsOn } from '../org/repo.js';
import { lockEffectWithRequest, markEffectProcessed } from '../requests/registers-repo.js';
import { parseRegistrarEffect } from './effect-target.js';
import type { Refusal } from './grant-plan.js';
import { effectOrRefuse, refuseEffect, userIdOf } from './registration-service.js';
import * as repo from './repo.js';

const REGISTRAR = 'registrar';

export interface RegistrarResult {
  action: 'designate' | 'release' | 'cancel';
  postId: string | null;
  unitCode: string;
}

/**
 * APP-3 (AIC 第5-1, 様式3): システム管理者 registers the 登録担当者 a unit head designated — a
 * 'registrar' post of the beneficiary at the applying unit — or ends it on a release or when the
 * designation was cancelled. Posts are never deleted once begun; ending one sets its end date.
 */
export async function registerRegistrarEffect(ctx: ServiceContext, actor: Actor, effectId: string): Promise<RegistrarResult> {
  // Who may register is known without the effect: ask first, so nobody else learns whether it exists.
  await authorize(ctx, actor, 'application.admin', { type: 'System' });
  const { e, parsed: effect } = await effectOrRefuse(ctx, actor, effectId, 'rights.registrar', parseRegistrarEffect);
  const now = ctx.clock.now();
  const today = tokyoDate(now);
  const by = userIdOf(actor);
  const unitCode = e.applicant_unit_code;
  const outcome = await ctx.db.transaction().execute(async (tx): Promise<{ refused: Refusal } | { done: RegistrarResult }> => {
    const locked = await lockEffectWithRequest(tx, e.id);
    if (!locked) throw new AppError('not_found');
    if (locked.processed_at !== null)
      return {
        refused: refusal(
          'already_processed',
          'conflict',
          'この申請の登録は既に処理されています。',
          'This effect has already been processed.',
        ),
      };
    const user = e.beneficiary_id ? await findUserById(tx, e.beneficiary_id) : undefined;
    if (!user)
      return { refused: refusal('beneficiary_missing', 'invalid_state', '対象職員が見つかりません。', 'The beneficiary does not exist.') };
    const held = (await postsOn(tx, user.id, today)).filter((p) => p.post === REGISTRAR && p.unit_id === e.applicant_unit_id);
    let postId: string | null = null;
    if (effect.action === 'designate') {
      if (e.request_state !== 'approved') {
        return {
          refused: refusal(
            'request_not_in_force',
            'invalid_state',
            '申請は承認された状態ではありません。',
            'The request is no longer approved.',
          ),
        };
      }
      // 第5-1(2): the registrar is staff of the unit that designated them.
      if ((await assignmentOn(tx, user.id, today))?.unit_id !== e.applicant_unit_id) {
        return {
          refused: refusal(
            'beneficiary_transferred',
            'invalid_state',
            '対象職員は申請した所属に在籍していません。',
            'The beneficiary no longer belongs to the applying unit.',
          ),
        };
      }
      if (held.length > 0)
        return { refused: refusal('already_registrar', 'conflict', '既に登録担当者です。', 'Already a registrar of the unit.') };
      const from = laterDay(effect.fields.effectiveOn, today);
      postId = await insertPost(tx, { user_id: user.id, unit_id: e.applicant_unit_id, post: REGISTRAR, valid_from: from, valid_to: null });
    } else {
      // A release (or a cancelled designation) ends the post from its date, or today if that passed.
      const from = effect.action === 'release' && effect.fields.effectiveOn > today ? effect.fields.effectiveOn : today;
      for (const p of held) {
        if (await endPost(tx, p.id, user.id, from)) postId ??= p.id;
      }
      if (effect.action === 'cancel') await repo.closeSiblingEffects(tx, e.request_id, e.id, now, by);
    }
    await markEffectProcessed(tx, e.id, { at: now, by, outcome: { postId, action: effect.action } });
    await ctx.audit.record(
      {
        action: effect.action === 'designate' ? 'rights.registrar.designated' : 'rights.registrar.released',
        actor: auditActor(actor),
        target: { type: 'user', id: user.id, label: user.login_id },
        outcome: 'success',
        details: { unit: unitCode, postId, requestNumber: e.request_number, effectId: e.id, section: effect.fields.section },
      },
      { tx },
    );
    return { done: { action: effect.action, postId, unitCode } satisfies RegistrarResult };
  });
  if ('refused' in outcome) return refuseEffect(ctx, actor, e, 'rights.registrar', outcome.refused);
  return outcome.done;
}

function refusal(reason: string, code: Refusal['code'], ja: string, en: string): Refusal {
  return { reason, code, ja, en };
}

/** The later of two YYYY-MM-DD days (they compare as text). */
function laterDay(a: string, b: string): string {
  return a < b ? b : a;
}
