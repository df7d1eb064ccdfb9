import { fields } from '../fields/aic7_temporary_output.js';
import { defineType, SYSTEM_ADMINISTRATOR, UNIT_HEAD_OF_APPLICANT } from './definition.js';

/**
 * AIC 様式第7 (APP-11, AIC 第10-2): the unit head applies to the system manager "業務主管課長の合議を
 * 受けた上で". When the business unit is the applicant's own, its head already decided as 所属長.
 */
export const aic7TemporaryOutput = defineType({
  code: 'aic7_temporary_output',
  requirements: ['APP-11', 'OUT-1'],
  schema: fields,
  route: (f) => [
    UNIT_HEAD_OF_APPLICANT,
    {
      kind: 'concur',
      label: { ja: '合議（業務主管課長）', en: 'Concurrence (business unit head)' },
      rule: { kind: 'post', post: 'unit_head', unit: { from: 'field', code: f.businessUnitCode } },
      dueDays: 3,
    },
    SYSTEM_ADMINISTRATOR,
  ],
  sodOverride: true,
  title: (f) => `臨時出力（${f.applicationCode}）`,
});
