import { fields } from '../fields/aic4_use_right.js';
import { defineType, GENERAL_AFFAIRS_DIRECTOR, UNIT_HEAD_OF_APPLICANT } from './definition.js';

/**
 * AIC 様式第4 (APP-3, AIC 第5-2(1), 第5-3): the unit head applies for a staff member of the unit;
 * 総務部長 reviews against the application's criteria. APP-5 (第5-2(3)): oral application in an emergency.
 */
export const aic4UseRight = defineType({
  code: 'aic4_use_right',
  requirements: ['APP-3', 'APP-5'],
  schema: fields,
  beneficiaryLoginId: (f) => f.beneficiaryLoginId,
  beneficiaryInApplicantUnit: true,
  route: () => [UNIT_HEAD_OF_APPLICANT, GENERAL_AFFAIRS_DIRECTOR],
  emergency: true,
  title: (f) => `業務利用権の${f.action === 'grant' ? '付与' : '解除'}（${f.beneficiaryLoginId}・${f.applicationCode}）`,
  validTo: (f) => f.validTo,
});
