import { z } from 'zod';
import { applicationCode, isoDate, type Label, line, loginId, paragraph, periodInOrder } from './common.js';

/**
 * AIC 様式第4 業務利用権付与申請書 (APP-3, APP-5, AIC 第5-2(1), 第5-3). One user, one application:
 * the unit head applies for a grant or a removal; 総務部長 reviews it against the application's
 * access criteria. Removal on transfer or retirement needs no form (rights end automatically).
 */
export const USE_RIGHT_ACTIONS = ['grant', 'remove'] as const;

export const fields = z
  .strictObject({
    action: z.enum(USE_RIGHT_ACTIONS),
    beneficiaryLoginId: loginId,
    applicationCode,
    /** アクセスの範囲, e.g. 照会のみ — checked against the application's criteria (第5-3). */
    accessScope: line(200),
    reason: paragraph(1000),
    effectiveOn: isoDate,
    validTo: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (!periodInOrder(v.effectiveOn, v.validTo))
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'the right ends before it starts' });
    if (v.action === 'remove' && v.validTo) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'a removal has no end date' });
  });

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  action: { ja: '区分（付与・解除）', en: 'Grant or remove' },
  beneficiaryLoginId: { ja: '対象職員（ユーザID）', en: 'User (login ID)' },
  applicationCode: { ja: '適用業務コード', en: 'Application code' },
  accessScope: { ja: 'アクセスの範囲', en: 'Access scope' },
  reason: { ja: '申請理由', en: 'Reason' },
  effectiveOn: { ja: '付与（解除）年月日', en: 'Effective on' },
  validTo: { ja: '利用期限', en: 'Valid to' },
};

export const actionLabels: Record<(typeof USE_RIGHT_ACTIONS)[number], Label> = {
  grant: { ja: '付与', en: 'Grant' },
  remove: { ja: '付与の解除', en: 'Removal' },
};
