import type { RequestDocument } from '../../contract.js';
import { fields, labels, serviceKindLabels } from '../../fields/external_service.js';
import { typeNames } from '../../fields/index.js';
import { optional, period } from '../format.js';
import type { FormWriter } from '../layout.js';
import { applicantLines, decisionRecord, header, named } from '../sections.js';

/**
 * 外部サービス利用申請書 (GOV-2, MPD 第11, EDO 11.2(4)): the service, what it is for, the highest
 * classification handled, the service manager to be named, and how information is deleted at the end.
 */
export function layout(w: FormWriter, doc: RequestDocument): void {
  const f = fields.parse(doc.fields);
  const name = typeNames.external_service;
  header(w, doc, {
    formNumber: name.form,
    addressee: '外部サービスの利用申請の許可権限者',
    title: name.ja,
    applicantLines: applicantLines(doc),
    intro: ['下記の外部サービスの利用について承認を申請します。'],
  });
  w.field(labels.serviceName.ja, f.serviceName);
  w.field(labels.provider.ja, f.provider);
  w.field(labels.serviceKind.ja, `${serviceKindLabels[f.serviceKind].ja}${f.termsBased ? '（約款による外部サービス）' : ''}`);
  w.field(labels.purpose.ja, f.purpose);
  w.field(labels.handlingLevel.ja, f.handlingLevel);
  w.field('外部サービス管理者', named(doc, 'managerLoginId', f.managerLoginId));
  w.field(labels.dataLocation.ja, optional(f.dataLocation));
  w.field(labels.securityMeasures.ja, f.securityMeasures);
  w.field(labels.consultation.ja, optional(f.consultation));
  w.field(labels.endOfUseDeletion.ja, f.endOfUseDeletion);
  w.field('利用期間', period(f.periodFrom, f.periodTo));
  decisionRecord(w, doc.decisions);
}
