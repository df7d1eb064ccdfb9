import { fields } from '../fields/aic5_dispatch_use_right.js';
import { defineType, GENERAL_AFFAIRS_DIRECTOR, UNIT_HEAD_OF_APPLICANT } from './definition.js';

/**
 * AIC 様式第5 (APP-4, AIC 第5-2(2)): the home unit head applies "派遣先の所属長の合議を受けた上で" to
 * 総務部長. APP-5: oral application in an emergency.
 */
export const aic5DispatchUseRight = defineType({
  code: 'aic5_dispatch_use_right',
  requirements: ['APP-4', 'APP-5'],
  schema: fields,
  beneficiaryLoginId: (f) => f.beneficiaryLoginId,
  beneficiaryInApplicantUnit: true,
  route: (f) => [
    UNIT_HEAD_OF_APPLICANT,
    {
      kind: 'concur',
      label: { ja: '合議（派遣先所属長）', en: 'Concurrence (host unit head)' },
      rule: { kind: 'post', post: 'unit_head', unit: { from: 'field', code: f.hostUnitCode } },
      dueDays: 3,
    },
    GENERAL_AFFAIRS_DIRECTOR,
  ],
  emergency: true,
  title: (f) => `派遣用業務利用権の${f.action === 'grant' ? '付与' : '解除'}（${f.beneficiaryLoginId}・${f.dispatchName}）`,
  validTo: (f) => f.dispatchTo,
});
