import type { PostCode, RoleCode, UnitKind } from '../org/catalog.js';

export interface DemoUnit {
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  parent?: string;
}

/** A small synthetic prefectural police: 本部 with departments and divisions, three stations. */
export const DEMO_UNITS: readonly DemoUnit[] = [
  { code: 'D1000', name: '関守県警察本部', nameEn: 'Sekimori Prefectural Police HQ', kind: 'headquarters' },
  { code: 'D1100', name: '警務部', nameEn: 'Administration Department', kind: 'department', parent: 'D1000' },
  { code: 'D1110', name: '総務課', nameEn: 'General Affairs Division', kind: 'division', parent: 'D1100' },
  { code: 'D1120', name: '情報管理課', nameEn: 'Information Management Division', kind: 'division', parent: 'D1100' },
  { code: 'D1200', name: '生活安全部', nameEn: 'Community Safety Department', kind: 'department', parent: 'D1000' },
  { code: 'D1210', name: '生活安全企画課', nameEn: 'Community Safety Planning Division', kind: 'division', parent: 'D1200' },
  { code: 'D1300', name: '交通部', nameEn: 'Traffic Department', kind: 'department', parent: 'D1000' },
  { code: 'D1310', name: '運転免許課', nameEn: "Driver's Licence Division", kind: 'division', parent: 'D1300' },
  { code: 'D2010', name: '関守中央警察署', nameEn: 'Sekimori Central Police Station', kind: 'station', parent: 'D1000' },
  {
    code: 'D2011',
    name: '関守中央警察署 地域課',
    nameEn: 'Central Station Community Policing Division',
    kind: 'division',
    parent: 'D2010',
  },
  { code: 'D2020', name: '関守東警察署', nameEn: 'Sekimori East Police Station', kind: 'station', parent: 'D1000' },
  { code: 'D2021', name: '関守東警察署 交通課', nameEn: 'East Station Traffic Division', kind: 'division', parent: 'D2020' },
  { code: 'D2030', name: '関守西警察署', nameEn: 'Sekimori West Police Station', kind: 'station', parent: 'D1000' },
];

export interface DemoPerson {
  loginId: string;
  unit: string;
  posts: PostCode[];
  roles: RoleCode[];
  employmentType?: 'regular' | 'non_regular' | 'contractor';
}

/** Every post and role is held by someone, so each screen and rule can be tried out. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { loginId: 'demo-admin', unit: 'D1120', posts: [], roles: ['system_admin'] },
  { loginId: 'demo-somu-bucho', unit: 'D1100', posts: ['unit_head'], roles: ['general_affairs_director'] },
  { loginId: 'demo-ciso', unit: 'D1120', posts: [], roles: ['security_admin'] },
  { loginId: 'demo-csirt', unit: 'D1120', posts: [], roles: ['csirt'] },
  { loginId: 'demo-kansa', unit: 'D1110', posts: [], roles: ['auditor'] },
  { loginId: 'demo-somu-kacho', unit: 'D1110', posts: ['unit_head'], roles: [] },
  { loginId: 'demo-joho-kacho', unit: 'D1120', posts: ['unit_head', 'info_mgmt_chief'], roles: [] },
  { loginId: 'demo-menkyo-kacho', unit: 'D1310', posts: ['unit_head'], roles: [] },
  { loginId: 'demo-menkyo-kanri', unit: 'D1310', posts: ['info_manager'], roles: [] },
  { loginId: 'demo-menkyo-hojo', unit: 'D1310', posts: ['info_assistant'], roles: [] },
  { loginId: 'demo-menkyo-toroku', unit: 'D1310', posts: ['registrar'], roles: [] },
  { loginId: 'demo-menkyo-shokuin', unit: 'D1310', posts: [], roles: [] },
  { loginId: 'demo-chuo-shocho', unit: 'D2010', posts: ['unit_head'], roles: [] },
  { loginId: 'demo-chuo-kanri', unit: 'D2010', posts: ['info_manager', 'security_instructor'], roles: [] },
  { loginId: 'demo-chuo-junshido', unit: 'D2011', posts: ['security_sub_instructor'], roles: [] },
  { loginId: 'demo-chuo-toroku', unit: 'D2010', posts: ['registrar'], roles: [] },
  { loginId: 'demo-chuo-chiiki-kacho', unit: 'D2011', posts: ['unit_head'], roles: [] },
  { loginId: 'demo-chuo-junsa', unit: 'D2011', posts: [], roles: [] },
  { loginId: 'demo-higashi-shocho', unit: 'D2020', posts: ['unit_head'], roles: [] },
  { loginId: 'demo-higashi-kotsu-kacho', unit: 'D2021', posts: ['unit_head'], roles: [] },
  { loginId: 'demo-higashi-kotsu', unit: 'D2021', posts: [], roles: [] },
  { loginId: 'demo-nishi-shocho', unit: 'D2030', posts: ['unit_head', 'info_manager'], roles: [] },
  { loginId: 'demo-itaku', unit: 'D1120', posts: [], roles: [], employmentType: 'contractor' },
];
