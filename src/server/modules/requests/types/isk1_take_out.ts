import { fields } from '../fields/isk1_take_out.js';
import { defineType } from './definition.js';

/**
 * ISK 別記様式第1号 (CON-2, ISK 第4): the contractor applies to the 所属長; lend and return are recorded
 * on it. It has no expiry: a return after `returnDueOn` must still be recordable.
 */
export const isk1TakeOut = defineType({
  code: 'isk1_take_out',
  requirements: ['CON-2'],
  schema: fields,
  route: () => [
    {
      kind: 'approve',
      label: { ja: '所属長', en: 'Head of unit' },
      rule: { kind: 'post', post: 'unit_head', unit: { from: 'applicant' } },
      dueDays: 3,
    },
  ],
  title: (f) => `情報持ち出し（${f.contractorName}・${f.medium}）`,
});
