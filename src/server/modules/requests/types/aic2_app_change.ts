import { fields } from '../fields/aic2_app_change.js';
import { defineType, GENERAL_AFFAIRS_DIRECTOR, SYSTEM_ADMINISTRATOR_CONCURRENCE, UNIT_HEAD_OF_APPLICANT } from './definition.js';

/** AIC 様式第2 (APP-2, AIC 第2-2, 第2-3, 第3): change or abolition, approved by 総務部長 via the system manager. */
export const aic2AppChange = defineType({
  code: 'aic2_app_change',
  requirements: ['APP-2'],
  schema: fields,
  route: () => [UNIT_HEAD_OF_APPLICANT, SYSTEM_ADMINISTRATOR_CONCURRENCE, GENERAL_AFFAIRS_DIRECTOR],
  title: (f) => `${f.applicationName}（${f.applicationCode}）の${f.kind === 'change' ? '変更' : '廃止'}`,
});
