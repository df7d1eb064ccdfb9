import { z } from 'zod';
import { USE_RIGHT_ACTIONS } from './aic4_use_right.js';
import { applicationCode, isoDate, type Label, line, loginId, paragraph, periodInOrder, unitCode } from './common.js';

/**
 * AIC 様式第5 業務利用権付与申請書（派遣用） (APP-4, AIC 第5-2(2)). The home unit applies, with the
 * host unit head's concurrence (合議), for a right used at the host unit (e.g. a 捜査本部); the host
 * unit's registration staff registers it, and it ends when the dispatch ends (dispatchTo).
 */
export const fields = z
  .strictObject({
    action: z.enum(USE_RIGHT_ACTIONS),
    beneficiaryLoginId: loginId,
    applicationCode,
    hostUnitCode: unitCode,
    /** e.g. ○○事件特別捜査本部 */
    dispatchName: line(200),
    accessScope: line(200),
    reason: paragraph(1000),
    dispatchFrom: isoDate,
    dispatchTo: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (!periodInOrder(v.dispatchFrom, v.dispatchTo))
      ctx.addIssue({ code: 'custom', path: ['dispatchTo'], message: 'the dispatch ends before it starts' });
  });

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  action: { ja: '区分（付与・解除）', en: 'Grant or remove' },
  beneficiaryLoginId: { ja: '派遣職員（ユーザID）', en: 'Dispatched user (login ID)' },
  applicationCode: { ja: '適用業務コード', en: 'Application code' },
  hostUnitCode: { ja: '派遣先所属', en: 'Host unit' },
  dispatchName: { ja: '派遣先（捜査本部等の名称）', en: 'Dispatched to (e.g. investigation HQ)' },
  accessScope: { ja: 'アクセスの範囲', en: 'Access scope' },
  reason: { ja: '申請理由', en: 'Reason' },
  dispatchFrom: { ja: '派遣期間（開始）', en: 'Dispatch from' },
  dispatchTo: { ja: '派遣期間（終了）', en: 'Dispatch to' },
};
