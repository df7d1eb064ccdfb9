import type { RequestDocument } from '../../contract.js';
import { afterUseLabels, fields, labels } from '../../fields/aic6_input_processing.js';
import { typeNames } from '../../fields/index.js';
import { day, optional, yesNo } from '../format.js';
import type { FormWriter } from '../layout.js';
import { applicantLines, decisionRecord, header, named } from '../sections.js';

/** AIC 様式第6 入力処理申請書 (APP-11, 第10-1): the business unit head asks the system manager. */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.aic6_input_processing;
  header(w, doc, {
    formNumber: name.form,
    addressee: 'システム管理者',
    title: name.ja,
    applicantLines: applicantLines(doc, '業務主管課'),
    intro: ['下記の入力資料に係る処理を申請します。'],
  });
  w.field('適用業務', named(doc, 'applicationCode', f.applicationCode));
  w.field(labels.inputMaterial.ja, f.inputMaterial);
  w.field(labels.processingContent.ja, f.processingContent);
  w.field(labels.quantity.ja, f.quantity);
  w.field(labels.containsPersonalInformation.ja, yesNo(f.containsPersonalInformation));
  w.field(labels.desiredBy.ja, day(f.desiredBy));
  w.field(labels.afterUse.ja, afterUseLabels[f.afterUse].ja);
  w.field(labels.remarks.ja, optional(f.remarks));
  decisionRecord(w, doc.decisions);
}
