import type { RecordSetCode } from './record-sets.js';

/**
 * The three demo applications (synthetic data only, SEC-5), as a 様式1 would describe them (AIC 第4
 * items) and the system manager would configure them. Used by `demo seed` and the tests.
 */
export interface PurposeCode {
  code: string;
  ja: string;
  en: string;
  caseNumberRequired: boolean;
}

export interface CriterionSpec {
  name: string;
  kind: 'name' | 'date' | 'key';
  label: { ja: string; en: string };
}

export interface ApplicationDefinition {
  code: string;
  name: string;
  recordSet: RecordSetCode;
  personalInformation: boolean;
  classification: 1 | 2 | 3;
  maxPeople: number;
  outputCheck: 'unit_head' | 'pre_delivery';
  particulars: Record<string, string>;
  accessCriteria: { posts: string[]; unitCodes: string[]; employmentTypes: string[]; scopes: string[] };
  purposeCodes: PurposeCode[];
  criteria: CriterionSpec[];
}

export const DEMO_PURPOSE_CODES: PurposeCode[] = [
  { code: 'traffic_enforcement', ja: '交通指導取締り', en: 'Traffic enforcement', caseNumberRequired: false },
  { code: 'accident', ja: '交通事故事件処理', en: 'Traffic accident handling', caseNumberRequired: false },
  { code: 'criminal_investigation', ja: '犯罪捜査', en: 'Criminal investigation', caseNumberRequired: true },
  { code: 'licence_administration', ja: '運転免許事務', en: 'Licence administration', caseNumberRequired: false },
  { code: 'lost_property', ja: '遺失物・拾得物の返還', en: 'Returning lost property', caseNumberRequired: false },
  { code: 'other', ja: 'その他', en: 'Other', caseNumberRequired: false },
];

const NAME = { name: 'name', kind: 'name', label: { ja: '氏名（漢字またはカナ）', en: 'Name (kanji or kana)' } } as const;
const BIRTH = { name: 'birthDate', kind: 'date', label: { ja: '生年月日', en: 'Date of birth' } } as const;

function particulars(purpose: string, datasets: string): Record<string, string> {
  return {
    purpose,
    operatingStructure: '業務主管課が運用し、システム管理者が保守する。',
    datasets,
    registrationProcedure: '入力処理申請書（様式第6）による。',
    queryProcedure: '業務利用権を付与された職員が、照会目的を入力して照会する。',
    accessCriteria: '業務上必要な所属の職員に限り、照会のみ。',
    ioMaterialHandling: '個人情報出力資料は管理簿に記録し、用済み後は返却又は廃棄する。',
    queryRecordCheck: '所属長が照会記録を毎月点検する。',
    outsourcing: 'なし',
    manuals: '取扱説明書により運用する。',
    terminals: '各所属の業務端末',
  };
}

const ACCESS = { posts: [], unitCodes: [], employmentTypes: ['regular', 'non_regular', 'contractor'], scopes: ['照会のみ'] };

export const DEMO_APPLICATIONS: ApplicationDefinition[] = [
  {
    code: 'LIC',
    name: '運転免許照会',
    recordSet: 'licence',
    personalInformation: true,
    classification: 3,
    maxPeople: 20,
    outputCheck: 'unit_head',
    particulars: particulars('運転免許の有無・種類・有効期限の確認', '運転免許ファイル（氏名・読み・生年月日・住所・免許証番号）'),
    accessCriteria: ACCESS,
    purposeCodes: DEMO_PURPOSE_CODES,
    criteria: [NAME, BIRTH, { name: 'licenceNumber', kind: 'key', label: { ja: '免許証番号', en: 'Licence number' } }],
  },
  {
    code: 'VEH',
    name: '自動車登録照会',
    recordSet: 'vehicle',
    personalInformation: true,
    classification: 3,
    maxPeople: 20,
    outputCheck: 'unit_head',
    particulars: particulars('自動車の登録事項と使用者の確認', '自動車登録ファイル（登録番号・車台番号・所有者）'),
    accessCriteria: ACCESS,
    purposeCodes: DEMO_PURPOSE_CODES,
    criteria: [
      { name: 'plateNumber', kind: 'key', label: { ja: '自動車登録番号', en: 'Plate number' } },
      { ...NAME, name: 'ownerName', label: { ja: '所有者氏名', en: 'Owner name' } },
      BIRTH,
    ],
  },
  {
    code: 'LOST',
    name: '遺失物照会',
    recordSet: 'lost_property',
    personalInformation: true,
    classification: 2,
    maxPeople: 30,
    outputCheck: 'pre_delivery',
    particulars: particulars('遺失届・拾得届の照合', '遺失物ファイル（受理番号・届出人・物品）'),
    accessCriteria: ACCESS,
    purposeCodes: DEMO_PURPOSE_CODES,
    criteria: [{ name: 'reportNumber', kind: 'key', label: { ja: '受理番号', en: 'Report number' } }, NAME, BIRTH],
  },
];
