import type { RequestDocument } from '../../contract.js';
import { typeNames } from '../../fields/index.js';
import { fields, labels } from '../../fields/isk2_bring_in.js';
import { instantDay, period } from '../format.js';
import { box, type FormWriter } from '../layout.js';
import { decisionRecord } from '../sections.js';
import { EQUIPMENT_GROUP_WIDTH, EQUIPMENT_LABEL_WIDTH, equipmentRows, iskHeader } from './isk-common.js';

/**
 * ISK 別記様式第2号（第8関係） 情報機器等持込申請書 (CON-3), following the seed layout row for row:
 * 番号, 申請日, 申請種別 (新規 / 変更・廃止 with 許可番号), 持込場所, 取扱者, 使用目的, 持込期間, 持込機器.
 */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.isk2_bring_in;
  iskHeader(w, doc, {
    number: `${name.form}（第8関係）`,
    title: name.ja,
    contractorName: f.contractorName,
    responsiblePerson: f.responsiblePerson,
  });
  const quoted = (kind: 'change' | 'abolition') => (f.kind === kind ? (f.permitNumber ?? '') : '　　　');
  w.field('番号', doc.requestNumber);
  w.field('申請日', instantDay(doc.submittedAt));
  w.field(
    labels.kind.ja,
    `${box(f.kind === 'new')} 新規　${box(f.kind === 'change')} 変更（許可番号 ${quoted('change')} ）　${box(f.kind === 'abolition')} 廃止（許可番号 ${quoted('abolition')} ）`,
  );
  w.field(labels.place.ja, f.place);
  w.field('取扱者', `部署　${f.handlerDepartment}　　氏名　${f.handlerName}`);
  w.field(labels.purpose.ja, f.purpose);
  w.field('持込期間', period(f.periodFrom, f.periodTo));
  w.group('持込機器', equipmentRows(f, 'メーカー'), EQUIPMENT_GROUP_WIDTH, EQUIPMENT_LABEL_WIDTH);
  w.field(labels.connectsToNetwork.ja, f.connectsToNetwork ? '接続する（許可証を提示し接続の許可を受ける）' : '接続しない');
  decisionRecord(w, doc.decisions);
}
