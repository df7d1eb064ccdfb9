import type { RequestDocument } from '../../contract.js';
import { typeNames } from '../../fields/index.js';
import { fields, labels } from '../../fields/isk1_take_out.js';
import { day, instantDay } from '../format.js';
import type { FormWriter } from '../layout.js';
import { decisionRecord } from '../sections.js';
import { iskHeader } from './isk-common.js';

/**
 * ISK 別記様式第1号（第4関係） 情報持ち出し許可申請書 (CON-2), following the seed layout: 番号,
 * 持ち出す情報 with 記録媒体（ ）, then the 貸与 | 返却 record (受領年月日・受領者, 返却年月日・返却者,
 * 貸与取扱者, 受領取扱者). The 所属長・次席・補佐 stamp boxes are replaced by the decision record.
 */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.isk1_take_out;
  iskHeader(w, doc, {
    number: `${name.form}（第4関係）`,
    title: name.ja,
    contractorName: f.contractorName,
    responsiblePerson: f.responsiblePerson,
  });
  w.text('下記の情報の持ち出し許可を申請します。', { indent: 10.5 });
  w.text(
    '情報の保管及び取り扱いは厳重に行い、業務上必要であっても委託者の承認なくして複製しません。なお、業務の終了後、速やかに返却します。',
    { indent: 10.5 },
  );
  w.gap(8);
  w.field('番号', doc.requestNumber);
  w.field('申請日', instantDay(doc.submittedAt));
  w.field(labels.information.ja, `${f.information}\n記録媒体（ ${f.medium} ）`);
  w.field(labels.purpose.ja, f.purpose);
  w.field(labels.returnDueOn.ja, day(f.returnDueOn));

  const half = w.width / 2;
  w.row([
    { text: '貸　与', width: half, label: true },
    { text: '返　却', width: half, label: true },
  ]);
  const person = `${f.contractorName}・${doc.applicant.name}`;
  const lines = doc.lendRecord?.length ? doc.lendRecord : [{}];
  for (const line of lines) {
    w.row([
      { text: `受領年月日　${instantDay(line.lentAt)}\n事業所名・受領者　${line.lentAt ? person : ''}`, width: half },
      { text: `返却年月日　${instantDay(line.returnedAt)}\n事業所名・返却者　${line.returnedAt ? person : ''}`, width: half },
    ]);
    w.row([
      { text: `貸与取扱者　${line.lentAt ? (line.confirmedBy ?? '') : ''}`, width: half },
      { text: `受領取扱者　${line.returnedAt ? (line.confirmedBy ?? '') : ''}`, width: half },
    ]);
  }
  decisionRecord(w, doc.decisions, '決裁欄（所属長・次席・補佐の押印に代えて電子決裁の記録）');
}
