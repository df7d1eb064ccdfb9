import { z } from 'zod';
import { applicationCode, isoDate, type Label, line, paragraph } from './common.js';

/**
 * AIC 様式第2 適用業務変更・廃止承認申請書 (APP-2, AIC 第2-2, 第2-3, 第3-1). A change is reviewed on
 * ア–キ; an abolition only on イ (effect on other police work). The consultation with the system
 * manager may be omitted when the manager says so (第2-2(1) ただし書), hence optional.
 */
export const CHANGE_KINDS = ['change', 'abolition'] as const;

export const fields = z
  .strictObject({
    kind: z.enum(CHANGE_KINDS),
    applicationCode,
    applicationName: line(100),
    consultedOn: isoDate.optional(),
    reason: paragraph(2000),
    changeDescription: paragraph(2000).optional(),
    effectiveOn: isoDate,
    necessityAndEffect: paragraph(2000).optional(), // ア
    impactOnOtherWork: paragraph(2000), // イ — reviewed for abolition too
    resources: paragraph(2000).optional(), // ウ
    securityMeasures: paragraph(2000).optional(), // エ
    accessHoldersAndScope: paragraph(2000).optional(), // オ
    terminalPlacesAndCount: paragraph(1000).optional(), // カ
    otherMatters: paragraph(2000).optional(), // キ
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'change') {
      if (!v.changeDescription) ctx.addIssue({ code: 'custom', path: ['changeDescription'], message: 'a change says what changes' });
      if (!v.necessityAndEffect)
        ctx.addIssue({ code: 'custom', path: ['necessityAndEffect'], message: 'a change is reviewed on its necessity and effect' });
    }
  });

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  kind: { ja: '申請区分（変更・廃止）', en: 'Change or abolition' },
  applicationCode: { ja: '適用業務コード', en: 'Application code' },
  applicationName: { ja: '適用業務名', en: 'Application name' },
  consultedOn: { ja: 'システム管理者との協議年月日', en: 'Consulted the system manager on' },
  reason: { ja: '変更・廃止の理由', en: 'Reason' },
  changeDescription: { ja: '変更の内容', en: 'What changes' },
  effectiveOn: { ja: '変更・廃止予定日', en: 'Planned date' },
  necessityAndEffect: { ja: 'ア 変更の必要性及び効果', en: 'A. Necessity and effect' },
  impactOnOtherWork: { ja: 'イ 警察事務相互間での影響', en: 'B. Effect on other police work' },
  resources: { ja: 'ウ 人員、組織、機器の構成、経費及び期間', en: 'C. Staff, organisation, equipment, cost and period' },
  securityMeasures: { ja: 'エ 情報セキュリティの確保', en: 'D. Information security' },
  accessHoldersAndScope: { ja: 'オ アクセス権者及びアクセス権の範囲', en: 'E. Who may access, and the scope' },
  terminalPlacesAndCount: { ja: 'カ 端末装置の設置場所及び台数', en: 'F. Terminal places and counts' },
  otherMatters: { ja: 'キ その他適正な運用に関する事項', en: 'G. Other matters' },
};

export const kindLabels: Record<(typeof CHANGE_KINDS)[number], Label> = {
  change: { ja: '変更', en: 'Change' },
  abolition: { ja: '廃止', en: 'Abolition' },
};
