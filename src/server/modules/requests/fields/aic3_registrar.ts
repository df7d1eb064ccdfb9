import { z } from 'zod';
import { isoDate, type Label, line, loginId, paragraph } from './common.js';

/**
 * AIC 様式第3 登録担当者登録依頼書 (APP-3, AIC 第5-1). The unit head designates (or releases) a
 * registration staff member from the 庶務・企画 section, or 警務課 at a police station, and asks the
 * system manager to register it. Release on transfer or retirement needs no form (第5-1(4) ただし書).
 */
export const REGISTRAR_ACTIONS = ['designate', 'release'] as const;

export const fields = z.strictObject({
  action: z.enum(REGISTRAR_ACTIONS),
  beneficiaryLoginId: loginId,
  /** 係名: 第5-1(2) restricts who may be designated to these sections. */
  section: line(50),
  effectiveOn: isoDate,
  reason: paragraph(500).optional(),
});

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  action: { ja: '区分（指名・指名解除）', en: 'Designate or release' },
  beneficiaryLoginId: { ja: '登録担当者（ユーザID）', en: 'Registration staff (login ID)' },
  section: { ja: '係名', en: 'Section' },
  effectiveOn: { ja: '指名（解除）年月日', en: 'Effective on' },
  reason: { ja: '理由', en: 'Reason' },
};

export const actionLabels: Record<(typeof REGISTRAR_ACTIONS)[number], Label> = {
  designate: { ja: '指名', en: 'Designate' },
  release: { ja: '指名解除', en: 'Release' },
};
