import { z } from 'zod';
import { isoDate, type Label, line, paragraph, periodInOrder, permitNumber } from './common.js';

/**
 * ISK 別記様式第2号 情報機器等持込申請書 (CON-3, ISK 第8-1). New, change or abolition (the latter two
 * quote the 許可番号 of the permit they change); place, handler, purpose, period and the equipment.
 * An approved application issues 別記様式第3号 持込許可証 with a permit number and period.
 */
export const BRING_IN_KINDS = ['new', 'change', 'abolition'] as const;

export const fields = z
  .strictObject({
    kind: z.enum(BRING_IN_KINDS),
    permitNumber: permitNumber.optional(),
    contractorName: line(100),
    responsiblePerson: line(50),
    place: line(200),
    handlerDepartment: line(100),
    handlerName: line(50),
    purpose: paragraph(1000),
    periodFrom: isoDate,
    periodTo: isoDate,
    maker: line(100),
    modelAndSerial: line(200),
    osVersion: line(100),
    antivirus: line(200),
    applications: paragraph(500),
    accessories: paragraph(500).optional(),
    other: paragraph(500).optional(),
    /** ISK 第8-1(2), 第8-2: connecting to the network needs the permit shown and protections checked. */
    connectsToNetwork: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (!periodInOrder(v.periodFrom, v.periodTo))
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'the period ends before it starts' });
    if (v.kind !== 'new' && !v.permitNumber)
      ctx.addIssue({ code: 'custom', path: ['permitNumber'], message: 'a change or abolition quotes its permit number' });
    if (v.kind === 'new' && v.permitNumber)
      ctx.addIssue({ code: 'custom', path: ['permitNumber'], message: 'a new application has no permit number yet' });
  });

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  kind: { ja: '申請種別', en: 'Kind' },
  permitNumber: { ja: '許可番号', en: 'Permit number' },
  contractorName: { ja: '事業所名', en: 'Contractor' },
  responsiblePerson: { ja: '責任者名', en: 'Responsible person' },
  place: { ja: '持込場所', en: 'Place' },
  handlerDepartment: { ja: '取扱者（部署）', en: 'Handler (department)' },
  handlerName: { ja: '取扱者（氏名）', en: 'Handler (name)' },
  purpose: { ja: '使用目的', en: 'Purpose' },
  periodFrom: { ja: '持込期間（開始）', en: 'Period from' },
  periodTo: { ja: '持込期間（終了）', en: 'Period to' },
  maker: { ja: 'メーカー', en: 'Maker' },
  modelAndSerial: { ja: '機種・製造番号', en: 'Model and serial number' },
  osVersion: { ja: 'OS・バージョン', en: 'OS and version' },
  antivirus: { ja: 'ウイルス対策ソフト', en: 'Anti-virus software' },
  applications: { ja: '主なアプリケーション', en: 'Main applications' },
  accessories: { ja: '付属機器', en: 'Accessories' },
  other: { ja: 'その他', en: 'Other' },
  connectsToNetwork: { ja: 'ネットワークへの接続', en: 'Connects to the network' },
};

export const kindLabels: Record<(typeof BRING_IN_KINDS)[number], Label> = {
  new: { ja: '新規', en: 'New' },
  change: { ja: '変更', en: 'Change' },
  abolition: { ja: '廃止', en: 'Abolition' },
};
