import { fields } from '../fields/aic6_input_processing.js';
import { defineType, SYSTEM_ADMINISTRATOR, UNIT_HEAD_OF_APPLICANT } from './definition.js';

/**
 * AIC 様式第6 (APP-11, AIC 第10-1): the business unit head asks the system manager. In the system
 * manager's own division the 所属長 may also be the system manager: that unavoidable overlap may be
 * let through with a written reason and is flagged for review (ORG-3).
 */
export const aic6InputProcessing = defineType({
  code: 'aic6_input_processing',
  requirements: ['APP-11'],
  schema: fields,
  route: () => [UNIT_HEAD_OF_APPLICANT, SYSTEM_ADMINISTRATOR],
  sodOverride: true,
  title: (f) => `入力処理（${f.applicationCode}・${f.inputMaterial}）`,
});
