import type { CriterionSpec } from '../info-types.js';

const NAME: CriterionSpec = { name: 'name', kind: 'name', label: { ja: '氏名（漢字またはカナ）', en: 'Name (kanji or kana)' } };
const BIRTH: CriterionSpec = { name: 'birthDate', kind: 'date', label: { ja: '生年月日', en: 'Date of birth' } };

/**
 * The search criteria an inquiry form offers for each record set (APP-7, APP-10). They follow from the
 * search columns the record set defines (src/server/modules/applications/record-sets.ts), so the
 * system manager picks the record set and the criteria come with it; a change keeps what the
 * application already has.
 */
export const CRITERIA_OF_RECORD_SET: Readonly<Record<string, readonly CriterionSpec[]>> = {
  licence: [NAME, BIRTH, { name: 'licenceNumber', kind: 'key', label: { ja: '免許証番号', en: 'Licence number' } }],
  vehicle: [
    { name: 'plateNumber', kind: 'key', label: { ja: '自動車登録番号', en: 'Plate number' } },
    { ...NAME, name: 'ownerName', label: { ja: '所有者氏名', en: 'Owner name' } },
    BIRTH,
  ],
  lost_property: [{ name: 'reportNumber', kind: 'key', label: { ja: '受理番号', en: 'Report number' } }, NAME, BIRTH],
};
