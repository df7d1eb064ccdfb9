import { z } from 'zod';
import { isoDate, type Label, line, paragraph } from './common.js';

/**
 * ISK 別記様式第1号 情報持ち出し許可申請書 (CON-2, ISK 第4). A contractor asks the unit head to take
 * police information out of the building; the lend/return record (貸与・返却) is kept on the same
 * form (RequestDocument.lendRecord). 番号 is the request number.
 */
export const fields = z.strictObject({
  /** 事業所名（責任者名） */
  contractorName: line(100),
  responsiblePerson: line(50),
  information: paragraph(1000),
  /** 記録媒体（ ）, e.g. USBメモリ（暗号化） */
  medium: line(100),
  /** Not on the seed form, but the permit decision needs it: the contracted work it is for. */
  purpose: paragraph(1000),
  returnDueOn: isoDate,
});

export type Fields = z.infer<typeof fields>;

export const labels: Record<keyof Fields, Label> = {
  contractorName: { ja: '事業所名', en: 'Contractor' },
  responsiblePerson: { ja: '責任者名', en: 'Responsible person' },
  information: { ja: '持ち出す情報', en: 'Information taken out' },
  medium: { ja: '記録媒体', en: 'Medium' },
  purpose: { ja: '持ち出しの目的（委託業務）', en: 'Purpose (contracted work)' },
  returnDueOn: { ja: '返却予定日', en: 'Return due' },
};
