import { fields } from '../fields/external_service.js';
import { defineType, GENERAL_AFFAIRS_DIRECTOR, type StageSpec, UNIT_HEAD_OF_APPLICANT } from './definition.js';

const CONCURRENCES: StageSpec[] = [
  {
    kind: 'concur',
    label: { ja: '合議（情報セキュリティ管理者）', en: 'Concurrence (information security manager)' },
    rule: { kind: 'role', role: 'security_admin' },
    dueDays: 5,
  },
  {
    kind: 'concur',
    label: { ja: '合議（システム管理者）', en: 'Concurrence (system administrator)' },
    rule: { kind: 'role', role: 'system_admin' },
    dueDays: 5,
    parallelWithPrevious: true,
  },
];

/**
 * 外部サービス利用申請 (GOV-2; MPD 第11, EDO 11.2, 11.3). Services that will hold 機密性2 or above go
 * through a parallel concurrence of the security manager and the system manager (EDO 11.2) before
 * 総務部長; approval lands the service in the register with its named manager.
 */
export const externalService = defineType({
  code: 'external_service',
  requirements: ['GOV-2'],
  schema: fields,
  route: (f) => [UNIT_HEAD_OF_APPLICANT, ...(f.handlingLevel === '機密性1' ? [] : CONCURRENCES), GENERAL_AFFAIRS_DIRECTOR],
  title: (f) => `外部サービス利用（${f.serviceName}）`,
  validTo: (f) => f.periodTo,
});
