import { fields } from '../fields/aic1_app_development.js';
import { defineType, GENERAL_AFFAIRS_DIRECTOR, SYSTEM_ADMINISTRATOR_CONCURRENCE, UNIT_HEAD_OF_APPLICANT } from './definition.js';

/**
 * AIC 様式第1 (APP-2, AIC 第2-1, 第3): the business unit head applies to 総務部長 "システム管理者経由",
 * after consulting the system manager — so the system manager concurs before 総務部長 decides.
 */
export const aic1AppDevelopment = defineType({
  code: 'aic1_app_development',
  requirements: ['APP-2'],
  schema: fields,
  route: () => [UNIT_HEAD_OF_APPLICANT, SYSTEM_ADMINISTRATOR_CONCURRENCE, GENERAL_AFFAIRS_DIRECTOR],
  title: (f) => `${f.applicationName}（${f.applicationCode}）の開発`,
});
