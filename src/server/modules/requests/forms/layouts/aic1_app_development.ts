import type { RequestDocument } from '../../contract.js';
import { fields, labels } from '../../fields/aic1_app_development.js';
import { typeNames } from '../../fields/index.js';
import { day, optional, period } from '../format.js';
import type { FormWriter } from '../layout.js';
import { applicantLines, decisionRecord, emergencyNote, header } from '../sections.js';

/**
 * AIC 様式第1 適用業務開発承認申請書 (APP-2): the items the business unit head settled with the
 * system manager, laid out as review items ア–キ of AIC 第3-1, addressed to 総務部長 via the system
 * manager (第2-1(2)).
 */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.aic1_app_development;
  header(w, doc, {
    formNumber: name.form,
    addressee: '総務部長',
    title: name.ja,
    applicantLines: applicantLines(doc, '業務主管課'),
    intro: [
      f.largeChange
        ? '下記の適用業務について、大規模な変更（適用業務の変更）を行いたいので、システム管理者と協議の上、承認を申請します。'
        : '下記の適用業務を開発したいので、システム管理者と協議の上、承認を申請します。',
    ],
  });
  w.field(labels.applicationName.ja, f.applicationName);
  w.field(labels.applicationCode.ja, f.applicationCode);
  if (f.largeChange) w.field('適用業務の変更である旨', `大規模な変更（変更する適用業務コード ${optional(f.changedApplicationCode)}）`);
  w.field(labels.consultedOn.ja, day(f.consultedOn));
  w.field(labels.necessityAndEffect.ja, f.necessityAndEffect);
  w.field(labels.impactOnOtherWork.ja, f.impactOnOtherWork);
  w.field(labels.resources.ja, f.resources);
  w.field('ウ 開発期間', period(f.developmentFrom, f.developmentTo));
  w.field(labels.securityMeasures.ja, f.securityMeasures);
  w.field(labels.accessHoldersAndScope.ja, f.accessHoldersAndScope);
  w.field(labels.terminalPlacesAndCount.ja, f.terminalPlacesAndCount);
  w.field(labels.otherMatters.ja, optional(f.otherMatters));
  w.field(labels.operationStartOn.ja, f.operationStartOn ? day(f.operationStartOn) : '');
  emergencyNote(w, doc);
  decisionRecord(w, doc.decisions);
}
