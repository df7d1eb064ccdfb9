import { z } from 'zod';
import { AFTER_USE, applicationCode, isoDate, type Label, line, paragraph } from './common.js';

/**
 * AIC 様式第6 入力処理申請書 (APP-11, AIC 第10-1). The business unit head asks the system manager
 * to process input material; personal-information input material is returned or destroyed after use
 * (第7-2), so the form says which.
 */
export const fields = z.strictObject({
  applicationCode,
  inputMaterial: line(200),
  processingContent: paragraph(2000),
  quantity: line(100),
  containsPersonalInformation: z.boolean(),
  desiredBy: isoDate,
  afterUse: z.enum(AFTER_USE),
  remarks: paragraph(1000).optional(),
});

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  applicationCode: { ja: '適用業務コード', en: 'Application code' },
  inputMaterial: { ja: '入力資料の名称', en: 'Input material' },
  processingContent: { ja: '処理の内容', en: 'Processing requested' },
  quantity: { ja: '数量', en: 'Quantity' },
  containsPersonalInformation: { ja: '個人情報入力資料の該当', en: 'Contains personal information' },
  desiredBy: { ja: '処理希望日', en: 'Wanted by' },
  afterUse: { ja: '用済み後の措置', en: 'After use' },
  remarks: { ja: '備考', en: 'Remarks' },
};

export const afterUseLabels: Record<(typeof AFTER_USE)[number], Label> = {
  return: { ja: '返却', en: 'Return' },
  dispose: { ja: '廃棄', en: 'Destroy' },
};
