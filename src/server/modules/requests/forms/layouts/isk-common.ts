import type { RequestDocument } from '../../contract.js';
import { STATE_LABELS } from '../format.js';
import type { FormWriter } from '../layout.js';

/** The ISK forms' labels are short (番号, 持込場所 …); the values get the room. */
export const ISK_LABEL_WIDTH = 130;
/** 持込機器 | ウイルス対策ソフト … : the group cell and its sub-labels, each on one line. */
export const EQUIPMENT_GROUP_WIDTH = 55;
export const EQUIPMENT_LABEL_WIDTH = 115;

/**
 * The head of ISK 別記様式第1号・第2号 as the seed prints it: form number, （所属長）殿, the
 * contractor's 事業所名（責任者名）, then the title. 番号 and 申請日 are rows of the table itself.
 */
export function iskHeader(
  w: FormWriter,
  doc: RequestDocument,
  form: { number: string; title: string; contractorName: string; responsiblePerson: string },
): void {
  w.labelWidth = ISK_LABEL_WIDTH;
  w.formNumber(form.number);
  if (doc.state !== 'approved') w.text(`（${STATE_LABELS[doc.state]}）`, { align: 'right', size: 9 });
  w.text(`（ ${addressee(doc)} ）　殿`);
  w.gap(6);
  w.text(`事業所名（責任者名）　${form.contractorName}（${form.responsiblePerson}）`, { align: 'right' });
  w.title(form.title);
}

/** The contractor addresses the head of the unit it works for, e.g. 情報管理課長. */
export function addressee(doc: RequestDocument): string {
  return `${doc.organisationName}　${doc.applicant.unitName}長`;
}

/** 持込機器 sub-rows shared by ISK 様式2 and 様式3 (様式3 prints メーカ, as the seed does). */
export function equipmentRows(
  f: {
    maker: string;
    modelAndSerial: string;
    osVersion: string;
    antivirus: string;
    applications: string;
    accessories?: string | undefined;
    other?: string | undefined;
  },
  makerLabel: string,
): [string, string][] {
  return [
    [makerLabel, f.maker],
    ['機種・製造番号', f.modelAndSerial],
    ['OS・バージョン', f.osVersion],
    ['ウイルス対策ソフト', f.antivirus],
    ['主なアプリケーション', f.applications],
    ['付属機器', f.accessories ?? ''],
    ['その他', f.other ?? ''],
  ];
}
