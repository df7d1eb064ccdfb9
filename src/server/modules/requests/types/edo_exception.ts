import { fields } from '../fields/edo_exception.js';
import { defineType, GENERAL_AFFAIRS_DIRECTOR, UNIT_HEAD_OF_APPLICANT } from './definition.js';

/**
 * EDO 10.4 例外措置 (GOV-1; MPD 第15): the security manager applies to the セキュリティ統括者 (role
 * general_affairs_director); in an emergency the measure is taken and reported afterwards (oral path).
 */
export const edoException = defineType({
  code: 'edo_exception',
  requirements: ['GOV-1'],
  schema: fields,
  route: () => [UNIT_HEAD_OF_APPLICANT, GENERAL_AFFAIRS_DIRECTOR],
  sodOverride: true,
  emergency: true,
  title: (f) => `例外措置（${f.rule}）`,
  validTo: (f) => f.periodTo,
  // EDO 10.4(2): an emergency exception is taken first and reported afterwards, possibly once over.
  afterTheFact: (f) => f.emergency,
});
