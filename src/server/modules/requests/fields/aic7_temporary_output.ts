import { z } from 'zod';
import { AFTER_USE, applicationCode, isoDate, type Label, line, paragraph, unitCode } from './common.js';

/**
 * AIC 様式第7 臨時出力申請書 (APP-11, AIC 第10-2, 第8-1エ). A unit head asks the system manager for a
 * one-off output after the business unit head's concurrence (合議; businessUnitCode). Output with
 * personal information is recorded, and returned or destroyed after use (第8-2, 第8-6).
 */
export const OUTPUT_MEDIA = ['paper', 'electronic'] as const;

export const fields = z.strictObject({
  applicationCode,
  businessUnitCode: unitCode,
  purpose: paragraph(1000),
  outputContent: paragraph(2000),
  outputMedium: z.enum(OUTPUT_MEDIA),
  quantity: line(100),
  containsPersonalInformation: z.boolean(),
  desiredBy: isoDate,
  recipient: line(200).optional(),
  afterUse: z.enum(AFTER_USE),
  remarks: paragraph(1000).optional(),
});

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  applicationCode: { ja: '適用業務コード', en: 'Application code' },
  businessUnitCode: { ja: '業務主管課', en: 'Business unit' },
  purpose: { ja: '出力の目的', en: 'Purpose' },
  outputContent: { ja: '出力の内容（条件）', en: 'What to output (conditions)' },
  outputMedium: { ja: '出力媒体', en: 'Medium' },
  quantity: { ja: '数量', en: 'Quantity' },
  containsPersonalInformation: { ja: '個人情報出力資料の該当', en: 'Contains personal information' },
  desiredBy: { ja: '出力希望日', en: 'Wanted by' },
  recipient: { ja: '交付先', en: 'Given to' },
  afterUse: { ja: '用済み後の措置', en: 'After use' },
  remarks: { ja: '備考', en: 'Remarks' },
};

export const mediumLabels: Record<(typeof OUTPUT_MEDIA)[number], Label> = {
  paper: { ja: '紙', en: 'Paper' },
  electronic: { ja: '電磁的記録媒体', en: 'Electronic medium' },
};
