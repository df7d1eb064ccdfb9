import { fields } from '../fields/isk2_bring_in.js';
import { defineType } from './definition.js';

/** ISK 別記様式第2号 → 第3号 持込許可証 (CON-3, ISK 第8): the 所属長 permits; approval issues the permit. */
export const isk2BringIn = defineType({
  code: 'isk2_bring_in',
  requirements: ['CON-3'],
  schema: fields,
  route: () => [
    {
      kind: 'approve',
      label: { ja: '所属長', en: 'Head of unit' },
      rule: { kind: 'post', post: 'unit_head', unit: { from: 'applicant' } },
      dueDays: 3,
    },
  ],
  title: (f) =>
    `情報機器等持込（${f.kind === 'new' ? '新規' : f.kind === 'change' ? '変更' : '廃止'}・${f.contractorName}・${f.maker} ${f.modelAndSerial}）`,
  validTo: (f) => f.periodTo,
});
