import { z } from 'zod';
import { applicationCode, isoDate, type Label, line, paragraph, periodInOrder } from './common.js';

/**
 * AIC 様式第1 適用業務開発承認申請書 (APP-2, AIC 第2-1, 第3-1). The business unit head consults the
 * system manager on every item of the form, then applies to 総務部長; review items ア–キ of 第3-1 are
 * the body of the form. A large change (第2-2(3)) uses this form and says which application it changes.
 */
export const fields = z
  .strictObject({
    applicationName: line(100),
    applicationCode,
    /** 第2-2(3): 大規模な変更 applied for on 様式1. */
    largeChange: z.boolean().default(false),
    changedApplicationCode: applicationCode.optional(),
    /** 第2-1(1): the consultation with the system manager the application is based on. */
    consultedOn: isoDate,
    necessityAndEffect: paragraph(2000), // ア
    impactOnOtherWork: paragraph(2000), // イ
    resources: paragraph(2000), // ウ 人員・組織・機器の構成・経費
    developmentFrom: isoDate, // ウ 開発期間
    developmentTo: isoDate,
    securityMeasures: paragraph(2000), // エ
    accessHoldersAndScope: paragraph(2000), // オ
    terminalPlacesAndCount: paragraph(1000), // カ
    otherMatters: paragraph(2000).optional(), // キ
    operationStartOn: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (!periodInOrder(v.developmentFrom, v.developmentTo))
      ctx.addIssue({ code: 'custom', path: ['developmentTo'], message: 'the development period ends before it starts' });
    if (v.largeChange && !v.changedApplicationCode)
      ctx.addIssue({ code: 'custom', path: ['changedApplicationCode'], message: 'a large change names the application it changes' });
    if (!v.largeChange && v.changedApplicationCode)
      ctx.addIssue({ code: 'custom', path: ['changedApplicationCode'], message: 'only a large change names a changed application' });
  });

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  applicationName: { ja: '適用業務名', en: 'Application name' },
  applicationCode: { ja: '適用業務コード', en: 'Application code' },
  largeChange: { ja: '大規模な変更', en: 'Large change' },
  changedApplicationCode: { ja: '変更する適用業務コード', en: 'Application changed' },
  consultedOn: { ja: 'システム管理者との協議年月日', en: 'Consulted the system manager on' },
  necessityAndEffect: { ja: 'ア 開発の必要性及び効果', en: 'A. Necessity and effect' },
  impactOnOtherWork: { ja: 'イ 警察事務相互間での影響', en: 'B. Effect on other police work' },
  resources: { ja: 'ウ 人員、組織、機器の構成及び経費', en: 'C. Staff, organisation, equipment and cost' },
  developmentFrom: { ja: 'ウ 開発期間（開始）', en: 'C. Development from' },
  developmentTo: { ja: 'ウ 開発期間（終了）', en: 'C. Development to' },
  securityMeasures: { ja: 'エ 情報セキュリティの確保', en: 'D. Information security' },
  accessHoldersAndScope: { ja: 'オ アクセス権者及びアクセス権の範囲', en: 'E. Who may access, and the scope' },
  terminalPlacesAndCount: { ja: 'カ 端末装置の設置場所及び台数', en: 'F. Terminal places and counts' },
  otherMatters: { ja: 'キ その他適正な運用に関する事項', en: 'G. Other matters' },
  operationStartOn: { ja: '運用開始予定日', en: 'Planned start of operation' },
};
