import type { RequestDocument } from '../../contract.js';
import { fields, kindLabels, labels } from '../../fields/aic2_app_change.js';
import { typeNames } from '../../fields/index.js';
import { day, optional } from '../format.js';
import { box, type FormWriter } from '../layout.js';
import { applicantLines, decisionRecord, emergencyNote, header } from '../sections.js';

/**
 * AIC 様式第2 適用業務変更・廃止承認申請書 (APP-2). A change carries review items ア–キ; an
 * abolition is reviewed only on イ (AIC 第3-1 ただし書), so the other items print as 該当なし.
 */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.aic2_app_change;
  header(w, doc, {
    formNumber: name.form,
    addressee: '総務部長',
    title: name.ja,
    applicantLines: applicantLines(doc, '業務主管課'),
    intro: [`下記の適用業務を${kindLabels[f.kind].ja}したいので、承認を申請します。`],
  });
  w.field(labels.kind.ja, `${box(f.kind === 'change')} 変更　　${box(f.kind === 'abolition')} 廃止`);
  w.field(labels.applicationName.ja, f.applicationName);
  w.field(labels.applicationCode.ja, f.applicationCode);
  w.field(labels.consultedOn.ja, f.consultedOn ? day(f.consultedOn) : '協議省略（システム管理者が協議の必要がないと認めたもの）');
  w.field(labels.reason.ja, f.reason);
  w.field(labels.effectiveOn.ja, day(f.effectiveOn));
  const notReviewed = f.kind === 'abolition' ? '（廃止につき審査対象外）' : '';
  w.field(labels.changeDescription.ja, f.changeDescription ?? notReviewed);
  w.field(labels.necessityAndEffect.ja, f.necessityAndEffect ?? notReviewed);
  w.field(labels.impactOnOtherWork.ja, f.impactOnOtherWork);
  w.field(labels.resources.ja, f.resources ?? notReviewed);
  w.field(labels.securityMeasures.ja, f.securityMeasures ?? notReviewed);
  w.field(labels.accessHoldersAndScope.ja, f.accessHoldersAndScope ?? notReviewed);
  w.field(labels.terminalPlacesAndCount.ja, f.terminalPlacesAndCount ?? notReviewed);
  w.field(labels.otherMatters.ja, optional(f.otherMatters));
  emergencyNote(w, doc);
  decisionRecord(w, doc.decisions);
}
