import { z } from 'zod';
import { isoDate, type Label, line, paragraph, periodInOrder } from './common.js';

/**
 * EDO 10.4 例外措置申請 (GOV-1). Deviating from a rule needs the security head's permission with a
 * reasonable cause; an emergency deviation is taken first and reported promptly afterwards (emergency,
 * with the day it was taken). Applications and decisions are kept and reviewed (10.4(3)).
 */
export const fields = z
  .strictObject({
    emergency: z.boolean(),
    /** 遵守事項: the rule that cannot be followed, e.g. 情報セキュリティポリシー 7.1(3)② */
    rule: line(300),
    measure: paragraph(2000),
    reason: paragraph(2000),
    systems: paragraph(500).optional(),
    compensatingControls: paragraph(2000).optional(),
    periodFrom: isoDate,
    periodTo: isoDate,
    /** The day an emergency exception was already taken (10.4(2)); only for the after-the-fact report. */
    takenOn: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (!periodInOrder(v.periodFrom, v.periodTo))
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'the period ends before it starts' });
    if (v.emergency && !v.takenOn)
      ctx.addIssue({ code: 'custom', path: ['takenOn'], message: 'an emergency report says when the exception was taken' });
    if (!v.emergency && v.takenOn)
      ctx.addIssue({ code: 'custom', path: ['takenOn'], message: 'only an emergency exception is taken before permission' });
  });

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  emergency: { ja: '緊急時の例外措置（事後報告）', en: 'Emergency (reported afterwards)' },
  rule: { ja: '対象となる遵守事項', en: 'Rule concerned' },
  measure: { ja: '例外措置の内容', en: 'Exception' },
  reason: { ja: '例外措置を必要とする理由', en: 'Reason' },
  systems: { ja: '対象情報システム', en: 'Systems concerned' },
  compensatingControls: { ja: '代替措置（リスク低減策）', en: 'Compensating controls' },
  periodFrom: { ja: '例外措置の期間（開始）', en: 'Period from' },
  periodTo: { ja: '例外措置の期間（終了）', en: 'Period to' },
  takenOn: { ja: '例外措置の実施日', en: 'Taken on' },
};
