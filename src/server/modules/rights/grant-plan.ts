import { z } from 'zod';
import type { ErrorCode } from '../../http/errors.js';
import { tokyoDate } from '../../shared/clock.js';
import { assignmentOn, findUnitByCode, findUserById, postsOn } from '../org/repo.js';
import type { UseRightEffect } from './effect-target.js';
import * as repo from './repo.js';

/** A refusal decided from data: audited outside the transaction, then answered with `code`. */
export interface Refusal {
  reason: string;
  code: ErrorCode;
  ja: string;
  en: string;
}

export type GrantPlan = Omit<repo.NewUseRight, 'registered_by' | 'registered_at'> & { label: string };

/** APP-3 第5-3: who may hold a right to the application, and the scopes it offers (empty = any). */
const criteriaSchema = z.object({
  posts: z.array(z.string()).default([]),
  unitCodes: z.array(z.string()).default([]),
  employmentTypes: z.array(z.string()).default([]),
  scopes: z.array(z.string()).default([]),
});

function refusal(reason: string, code: ErrorCode, ja: string, en: string): Refusal {
  return { reason, code, ja, en };
}

/**
 * Everything a grant must satisfy at the moment of registration, read inside the registering
 * transaction (APP-3 … APP-6): the request still in force, the application active, the scope and the
 * beneficiary within the application's access criteria, the beneficiary still where the approval
 * put them, and for a contractor a contract in force naming the application (APP-6).
 */
export async function planGrant(
  db: repo.Db,
  e: repo.EffectRow,
  effect: UseRightEffect,
  today: string,
): Promise<{ plan: GrantPlan } | { refused: Refusal }> {
  const f = effect.fields;
  if (e.request_state !== 'approved') {
    return {
      refused: refusal(
        'request_not_in_force',
        'invalid_state',
        '申請は承認された状態ではありません（取消・期限切れ）。',
        'The request is no longer approved (cancelled or expired).',
      ),
    };
  }
  const app = await repo.findApplicationByCode(db, f.applicationCode);
  if (app?.state !== 'active') {
    return {
      refused: refusal(
        'application_inactive',
        'invalid_state',
        `適用業務 ${f.applicationCode} は運用中ではありません。`,
        `Application ${f.applicationCode} is not active.`,
      ),
    };
  }
  const criteria = criteriaSchema.safeParse(app.access_criteria);
  if (!criteria.success) {
    return {
      refused: refusal(
        'criteria_unreadable',
        'invalid_state',
        '適用業務のアクセス基準を読み取れません。',
        'The access criteria of the application cannot be read.',
      ),
    };
  }
  const c = criteria.data;
  if (c.scopes.length > 0 && !c.scopes.includes(f.accessScope)) {
    return {
      refused: refusal(
        'scope_not_offered',
        'invalid_state',
        `アクセスの範囲「${f.accessScope}」はこの適用業務のアクセス基準にありません。`,
        `The access scope "${f.accessScope}" is not among the application's scopes.`,
      ),
    };
  }
  const beneficiary = e.beneficiary_id ? await findUserById(db, e.beneficiary_id) : undefined;
  if (!beneficiary || beneficiary.disabled_at !== null || (beneficiary.retired_on !== null && beneficiary.retired_on <= today)) {
    return {
      refused: refusal(
        'beneficiary_inactive',
        'invalid_state',
        '対象職員のIDは使用できません（退職・停止）。',
        'The beneficiary’s account is retired or disabled.',
      ),
    };
  }
  if (c.employmentTypes.length > 0 && !c.employmentTypes.includes(beneficiary.employment_type)) {
    return {
      refused: refusal(
        'employment_type',
        'invalid_state',
        '対象職員の任用形態はこの適用業務のアクセス基準にありません。',
        'The beneficiary’s employment type is not within the access criteria.',
      ),
    };
  }
  const assignment = await assignmentOn(db, beneficiary.id, today);
  let unit: { id: string; code: string };
  if (effect.form === 'aic4') {
    // 様式4 is filed by the beneficiary's own unit; a transfer since the approval voids it (APP-3).
    if (assignment?.unit_id !== e.applicant_unit_id) {
      return {
        refused: refusal(
          'beneficiary_transferred',
          'invalid_state',
          '対象職員は申請した所属に在籍していません。',
          'The beneficiary no longer belongs to the applying unit.',
        ),
      };
    }
    unit = { id: e.applicant_unit_id, code: e.applicant_unit_code };
  } else {
    const host = await findUnitByCode(db, effect.fields.hostUnitCode);
    if (!host || host.abolished_on !== null) {
      return { refused: refusal('host_unit_missing', 'invalid_state', '派遣先所属がありません。', 'The host unit does not exist.') };
    }
    unit = { id: host.id, code: host.code };
  }
  if (c.unitCodes.length > 0 && !c.unitCodes.includes(unit.code)) {
    return {
      refused: refusal(
        'unit_not_eligible',
        'invalid_state',
        'この所属はアクセス基準の対象外です。',
        'The unit is not within the access criteria.',
      ),
    };
  }
  if (c.posts.length > 0) {
    const posts = await postsOn(db, beneficiary.id, today);
    if (!posts.some((p) => c.posts.includes(p.post))) {
      return {
        refused: refusal(
          'post_not_eligible',
          'invalid_state',
          '対象職員の職はアクセス基準の対象外です。',
          'The beneficiary holds no post within the access criteria.',
        ),
      };
    }
  }
  const validFrom = effect.form === 'aic4' ? effect.fields.effectiveOn : effect.fields.dispatchFrom;
  let validTo = (effect.form === 'aic4' ? effect.fields.validTo : effect.fields.dispatchTo) ?? null;
  let contractId: string | null = null;
  if (beneficiary.employment_type === 'contractor') {
    // APP-6: only inside a contract in force on the first day of use that names the application;
    // the right never outlives the contract.
    const start = validFrom > today ? validFrom : today;
    const contract = await repo.contractCovering(db, beneficiary.id, app.code, start);
    if (!contract) {
      return {
        refused: refusal(
          'contract_scope',
          'invalid_state',
          '委託先職員には、この適用業務を対象とする有効な契約が登録されていません。',
          'No contract in force covers this application for the contractor.',
        ),
      };
    }
    contractId = contract.id;
    if (validTo === null || contract.valid_to < validTo) validTo = contract.valid_to;
  }
  if (validTo !== null && validTo < today) {
    return { refused: refusal('period_ended', 'period_ended', '利用期間は既に終了しています。', 'The period of use has already ended.') };
  }
  // APP-5: an orally accepted request is registered as an emergency grant, its paperwork due date kept.
  const oral = e.oral_at !== null;
  const kind = effect.form === 'aic5' ? 'dispatch' : oral ? 'emergency' : 'regular';
  const open = await repo.openRightIds(db, { userId: beneficiary.id, applicationId: app.id, kinds: [kind], unitId: unit.id });
  if (open.length > 0) {
    return {
      refused: refusal(
        'right_already_open',
        'conflict',
        '同じ業務利用権が既に登録されています。',
        'The same use right is already registered.',
      ),
    };
  }
  return {
    plan: {
      user_id: beneficiary.id,
      application_id: app.id,
      kind,
      unit_id: unit.id,
      assignment_id: effect.form === 'aic4' ? (assignment?.id ?? null) : null,
      contract_id: contractId,
      access_scope: f.accessScope,
      dispatch_name: effect.form === 'aic5' ? effect.fields.dispatchName : null,
      valid_from: validFrom,
      valid_to: validTo,
      grant_request_id: e.request_id,
      paperwork_due_on: oral && e.paperwork_due_at ? tokyoDate(e.paperwork_due_at) : null,
      label: `${beneficiary.login_id}:${app.code}`,
    },
  };
}
