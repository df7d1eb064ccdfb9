import type { RequestDocument } from '../../contract.js';
import { permitName } from '../../fields/index.js';
import { fields } from '../../fields/isk2_bring_in.js';
import { instant, instantDay, instantPeriod } from '../format.js';
import type { FormWriter } from '../layout.js';
import { decisionRecord } from '../sections.js';
import { addressee, EQUIPMENT_GROUP_WIDTH, EQUIPMENT_LABEL_WIDTH, equipmentRows, ISK_LABEL_WIDTH } from './isk-common.js';

/**
 * ISK 別記様式第3号（第8関係） 情報機器等持込許可証 (CON-3), issued from an approved 別記様式第2号:
 * 許可番号, 許可日, 許可期間 and the equipment, as the seed lays it out. The contractor shows it before
 * connecting the equipment (ISK 第8-2(1)). The permitting unit head's 印 is replaced by the decision.
 */
export function permitLayout(w: FormWriter, doc: RequestDocument): void {
  const permit = doc.permit;
  if (!permit) throw new Error(`request ${doc.requestNumber} has no permit to print`);
  const f = fields.parse(doc.fields);
  const granted = [...doc.decisions].reverse().find((d) => d.decision === 'approved');

  w.labelWidth = ISK_LABEL_WIDTH;
  w.formNumber(`${permitName.form}（第8関係）`);
  w.title(permitName.ja);
  w.text(`${f.contractorName}（${f.responsiblePerson}）　殿`);
  w.gap(6);
  w.text(`（ ${addressee(doc)} ）`, { align: 'right' });
  const seal = granted
    ? `（電子決裁）${granted.deciderPost}　${granted.onBehalfOfName ? `（代決）${granted.deciderName}` : granted.deciderName}　${instant(granted.decidedAt)}`
    : '（未決裁）';
  w.text(seal, { align: 'right', size: 9 });
  w.gap(10);
  w.field('許可番号', permit.number);
  w.field('許可日', instantDay(granted?.decidedAt));
  w.field('許可期間', instantPeriod(permit.validFrom, permit.validTo));
  w.field('持込場所', f.place);
  w.field('取扱者', `部署　${f.handlerDepartment}　　氏名　${f.handlerName}`);
  w.field('使用目的', f.purpose);
  w.group('持込機器', equipmentRows(f, 'メーカ'), EQUIPMENT_GROUP_WIDTH, EQUIPMENT_LABEL_WIDTH);
  w.gap(4);
  w.text(`申請番号 ${doc.requestNumber}`, { size: 8, align: 'right' });
  decisionRecord(w, doc.decisions, '許可の記録');
}
