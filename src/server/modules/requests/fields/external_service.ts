import { z } from 'zod';
import { isoDate, type Label, line, loginId, paragraph, periodInOrder } from './common.js';

/**
 * 外部サービス利用申請 (GOV-2, MPD 第11, EDO 11.2(4), 11.3). The approver records the service as
 * approved and names its manager (managerLoginId); information of 機密性2 or above never goes on a
 * social-media service; on end of use the information is deleted (endOfUseDeletion).
 */
export const SERVICE_KINDS = ['sns', 'cloud', 'other'] as const;
export const HANDLING_LEVELS = ['機密性1', '機密性2', '機密性3'] as const;

export const fields = z
  .strictObject({
    serviceName: line(200),
    provider: line(200),
    serviceKind: z.enum(SERVICE_KINDS),
    /** 約款による外部サービス (MPD 第2(11)): standard terms, no negotiated contract. */
    termsBased: z.boolean(),
    purpose: paragraph(2000),
    handlingLevel: z.enum(HANDLING_LEVELS),
    managerLoginId: loginId,
    dataLocation: line(200).optional(),
    securityMeasures: paragraph(2000),
    /** MPD 第11: consulted the 管理補佐官, system security officer and the business unit before applying. */
    consultation: paragraph(1000).optional(),
    endOfUseDeletion: paragraph(1000),
    periodFrom: isoDate,
    periodTo: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (!periodInOrder(v.periodFrom, v.periodTo))
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'the period ends before it starts' });
    if (v.serviceKind === 'sns' && v.handlingLevel !== '機密性1')
      ctx.addIssue({ code: 'custom', path: ['handlingLevel'], message: 'no information of 機密性2 or above on social media' });
  });

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  serviceName: { ja: 'サービス名', en: 'Service' },
  provider: { ja: '外部サービス提供者', en: 'Provider' },
  serviceKind: { ja: 'サービスの種別', en: 'Kind' },
  termsBased: { ja: '約款による外部サービス', en: 'Standard-terms service' },
  purpose: { ja: '利用目的・業務', en: 'Purpose' },
  handlingLevel: { ja: '取り扱う情報の格付', en: 'Highest classification handled' },
  managerLoginId: { ja: '外部サービス管理者（ユーザID）', en: 'Service manager (login ID)' },
  dataLocation: { ja: '情報の保存場所', en: 'Where the data is kept' },
  securityMeasures: { ja: '情報セキュリティ対策', en: 'Security measures' },
  consultation: { ja: '事前協議の結果', en: 'Prior consultation' },
  endOfUseDeletion: { ja: '利用終了時の情報の削除方法', en: 'Deletion at end of use' },
  periodFrom: { ja: '利用期間（開始）', en: 'Use from' },
  periodTo: { ja: '利用期間（終了）', en: 'Use to' },
};

export const serviceKindLabels: Record<(typeof SERVICE_KINDS)[number], Label> = {
  sns: { ja: 'ソーシャルメディア', en: 'Social media' },
  cloud: { ja: 'クラウドサービス', en: 'Cloud service' },
  other: { ja: 'その他', en: 'Other' },
};
