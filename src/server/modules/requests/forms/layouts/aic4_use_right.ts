import type { RequestDocument } from '../../contract.js';
import { fields, labels } from '../../fields/aic4_use_right.js';
import { typeNames } from '../../fields/index.js';
import { day } from '../format.js';
import { box, type FormWriter } from '../layout.js';
import { applicantLines, beneficiary, decisionRecord, emergencyNote, header, named } from '../sections.js';

/** AIC 様式第4 業務利用権付与申請書 (APP-3, APP-5): grant or removal, one user and one application. */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.aic4_use_right;
  header(w, doc, {
    formNumber: name.form,
    addressee: '総務部長',
    title: name.ja,
    applicantLines: applicantLines(doc, '所属長'),
    intro: ['下記のとおり業務利用権の付与（付与の解除）を申請します。'],
  });
  w.field(labels.action.ja, `${box(f.action === 'grant')} 付与　　${box(f.action === 'remove')} 付与の解除`);
  w.field('対象職員', beneficiary(doc, f.beneficiaryLoginId));
  w.field('適用業務', named(doc, 'applicationCode', f.applicationCode));
  w.field(labels.accessScope.ja, f.accessScope);
  w.field(labels.reason.ja, f.reason);
  w.field(labels.effectiveOn.ja, day(f.effectiveOn));
  if (f.action === 'grant') w.field(labels.validTo.ja, f.validTo ? day(f.validTo) : '（定めなし）');
  emergencyNote(w, doc);
  decisionRecord(w, doc.decisions);
}
