import type { RequestDocument } from '../../contract.js';
import { fields, labels } from '../../fields/edo_exception.js';
import { typeNames } from '../../fields/index.js';
import { day, optional, period } from '../format.js';
import { box, type FormWriter } from '../layout.js';
import { applicantLines, decisionRecord, header } from '../sections.js';

/**
 * EDO 10.4 例外措置申請書 (GOV-1): permission from セキュリティ統括者 with reasons, or, in an
 * emergency, the report made promptly after the exception was taken (10.4(2)).
 */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.edo_exception;
  header(w, doc, {
    formNumber: name.form,
    addressee: 'セキュリティ統括者',
    title: f.emergency ? `${name.ja}（緊急時の事後報告）` : name.ja,
    applicantLines: applicantLines(doc),
    intro: [
      f.emergency
        ? '行政事務の遂行に緊急を要したため、下記のとおり例外措置を実施したので報告します。'
        : '情報セキュリティ関係規定の遵守が困難なため、下記のとおり例外措置の許可を申請します。',
    ],
  });
  w.field('区分', `${box(!f.emergency)} 事前の許可申請　　${box(f.emergency)} 緊急時の事後報告`);
  w.field(labels.rule.ja, f.rule);
  w.field(labels.measure.ja, f.measure);
  w.field(labels.reason.ja, f.reason);
  w.field(labels.systems.ja, optional(f.systems));
  w.field(labels.compensatingControls.ja, optional(f.compensatingControls));
  w.field('例外措置の期間', period(f.periodFrom, f.periodTo));
  if (f.emergency) w.field(labels.takenOn.ja, day(f.takenOn));
  decisionRecord(w, doc.decisions);
}
