import { fields } from '../fields/aic3_registrar.js';
import { defineType, SYSTEM_ADMINISTRATOR, UNIT_HEAD_OF_APPLICANT } from './definition.js';

/** AIC 様式第3 (APP-3, AIC 第5-1(4)): the unit head asks the system manager to register a registrar of the unit. */
export const aic3Registrar = defineType({
  code: 'aic3_registrar',
  requirements: ['APP-3'],
  schema: fields,
  beneficiaryLoginId: (f) => f.beneficiaryLoginId,
  beneficiaryInApplicantUnit: true,
  route: () => [UNIT_HEAD_OF_APPLICANT, SYSTEM_ADMINISTRATOR],
  title: (f) => `登録担当者の${f.action === 'designate' ? '指名' : '指名解除'}（${f.beneficiaryLoginId}）`,
});
