import type { RequestDocument } from '../../contract.js';
import { fields, labels } from '../../fields/aic5_dispatch_use_right.js';
import { typeNames } from '../../fields/index.js';
import { period } from '../format.js';
import { box, type FormWriter } from '../layout.js';
import { applicantLines, beneficiary, decisionRecord, emergencyNote, header, named } from '../sections.js';

/**
 * AIC 様式第5 業務利用権付与申請書（派遣用） (APP-4): applied for by the home unit after the host
 * unit head's concurrence (合議), registered by the host unit's registration staff (第5-2(2)).
 */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.aic5_dispatch_use_right;
  header(w, doc, {
    formNumber: name.form,
    addressee: '総務部長',
    title: name.ja,
    applicantLines: applicantLines(doc, '所属長'),
    intro: ['下記のとおり派遣先所属の所属長の合議を受けたので、業務利用権の付与（付与の解除）を申請します。'],
  });
  w.field(labels.action.ja, `${box(f.action === 'grant')} 付与　　${box(f.action === 'remove')} 付与の解除`);
  w.field('派遣職員', beneficiary(doc, f.beneficiaryLoginId));
  w.field(labels.hostUnitCode.ja, named(doc, 'hostUnitCode', f.hostUnitCode));
  w.field(labels.dispatchName.ja, f.dispatchName);
  w.field('派遣期間', period(f.dispatchFrom, f.dispatchTo));
  w.field('適用業務', named(doc, 'applicationCode', f.applicationCode));
  w.field(labels.accessScope.ja, f.accessScope);
  w.field(labels.reason.ja, f.reason);
  emergencyNote(w, doc);
  decisionRecord(w, doc.decisions);
}
