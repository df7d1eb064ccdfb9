import type { RequestDocument } from '../../contract.js';
import { actionLabels, fields, labels } from '../../fields/aic3_registrar.js';
import { typeNames } from '../../fields/index.js';
import { day, optional } from '../format.js';
import { box, type FormWriter } from '../layout.js';
import { applicantLines, beneficiary, decisionRecord, header } from '../sections.js';

/** AIC 様式第3 登録担当者登録依頼書 (APP-3, 第5-1(4)): the unit head asks the system manager to register. */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.aic3_registrar;
  header(w, doc, {
    formNumber: name.form,
    addressee: 'システム管理者',
    title: name.ja,
    applicantLines: applicantLines(doc, '所属長'),
    intro: [`下記のとおり登録担当者を${actionLabels[f.action].ja}したので、登録処理を依頼します。`],
  });
  w.field(labels.action.ja, `${box(f.action === 'designate')} 指名　　${box(f.action === 'release')} 指名解除`);
  w.field('登録担当者', beneficiary(doc, f.beneficiaryLoginId));
  w.field(labels.section.ja, f.section);
  w.field(labels.effectiveOn.ja, day(f.effectiveOn));
  w.field(labels.reason.ja, optional(f.reason));
  decisionRecord(w, doc.decisions);
}
