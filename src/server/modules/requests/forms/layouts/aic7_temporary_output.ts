import type { RequestDocument } from '../../contract.js';
import { afterUseLabels } from '../../fields/aic6_input_processing.js';
import { fields, labels, mediumLabels } from '../../fields/aic7_temporary_output.js';
import { typeNames } from '../../fields/index.js';
import { day, optional, yesNo } from '../format.js';
import type { FormWriter } from '../layout.js';
import { applicantLines, decisionRecord, header, named } from '../sections.js';

/** AIC 様式第7 臨時出力申請書 (APP-11, 第10-2): to the system manager after the business unit head's 合議. */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.aic7_temporary_output;
  header(w, doc, {
    formNumber: name.form,
    addressee: 'システム管理者',
    title: name.ja,
    applicantLines: applicantLines(doc, '所属長'),
    intro: ['下記のとおり業務主管課長の合議を受けたので、臨時的な出力資料の出力に係る処理を申請します。'],
  });
  w.field('適用業務', named(doc, 'applicationCode', f.applicationCode));
  w.field(labels.businessUnitCode.ja, named(doc, 'businessUnitCode', f.businessUnitCode));
  w.field(labels.purpose.ja, f.purpose);
  w.field(labels.outputContent.ja, f.outputContent);
  w.field(labels.outputMedium.ja, mediumLabels[f.outputMedium].ja);
  w.field(labels.quantity.ja, f.quantity);
  w.field(labels.containsPersonalInformation.ja, yesNo(f.containsPersonalInformation));
  w.field(labels.desiredBy.ja, day(f.desiredBy));
  w.field(labels.recipient.ja, optional(f.recipient));
  w.field(labels.afterUse.ja, afterUseLabels[f.afterUse].ja);
  w.field(labels.remarks.ja, optional(f.remarks));
  decisionRecord(w, doc.decisions);
}
