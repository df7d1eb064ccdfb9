/**
 * Posts (per unit) and roles (organisation-wide) of ORG-2, with the two vocabularies:
 * police (MPD 第3 / AIC 第5-1) and local government (EDO 4). Codes are stable; labels follow
 * the organisation type set by the administrator.
 */
export type OrganizationType = 'police' | 'local_government';

interface Label {
  ja: string;
  en: string;
}

interface CatalogEntry {
  code: string;
  police: Label | null;
  local_government: Label | null;
}

export const ROLES = [
  {
    code: 'system_admin',
    police: { ja: 'システム管理者', en: 'System administrator' },
    local_government: { ja: 'セキュリティ総括管理者', en: 'Chief security administrator' },
  },
  {
    code: 'general_affairs_director',
    police: { ja: '総務部長', en: 'Director of General Affairs' },
    local_government: { ja: 'セキュリティ統括者', en: 'Security supervisor' },
  },
  {
    code: 'security_admin',
    police: { ja: '情報セキュリティ管理者', en: 'Information security manager' },
    local_government: { ja: '最高情報統括責任者（CISO）', en: 'CISO' },
  },
  { code: 'csirt', police: { ja: 'CSIRT', en: 'CSIRT' }, local_government: { ja: 'CSIRT', en: 'CSIRT' } },
  {
    code: 'auditor',
    police: { ja: '監査', en: 'Auditor' },
    local_government: { ja: '情報セキュリティ監査', en: 'Information security auditor' },
  },
] as const satisfies readonly CatalogEntry[];

export const POSTS = [
  {
    code: 'unit_head',
    police: { ja: '所属長', en: 'Head of unit' },
    local_government: { ja: 'セキュリティ管理者（課長）', en: 'Security manager (section chief)' },
  },
  {
    code: 'department_security_head',
    police: null,
    local_government: { ja: 'セキュリティ責任者（部長）', en: 'Security officer (department head)' },
  },
  {
    code: 'info_mgmt_chief',
    police: { ja: '情報管理責任者', en: 'Chief information manager' },
    local_government: null,
  },
  {
    code: 'info_manager',
    police: { ja: '情報管理者', en: 'Information manager' },
    local_government: { ja: '情報システム管理者', en: 'Information system manager' },
  },
  {
    code: 'info_assistant',
    police: { ja: '情報管理補助者', en: 'Assistant information manager' },
    local_government: null,
  },
  {
    code: 'security_instructor',
    police: { ja: 'セキュリティ指導員', en: 'Security instructor' },
    local_government: null,
  },
  {
    code: 'security_sub_instructor',
    police: { ja: 'セキュリティ準指導員', en: 'Associate security instructor' },
    local_government: null,
  },
  {
    code: 'registrar',
    police: { ja: '登録担当者', en: 'Registration officer' },
    local_government: { ja: '登録担当者', en: 'Registration officer' },
  },
  {
    code: 'system_operator',
    police: null,
    local_government: { ja: '情報システム運用担当者', en: 'System operator' },
  },
] as const satisfies readonly CatalogEntry[];

export type RoleCode = (typeof ROLES)[number]['code'];
export type PostCode = (typeof POSTS)[number]['code'];

export const ROLE_CODES = ROLES.map((r) => r.code) as [RoleCode, ...RoleCode[]];
export const POST_CODES = POSTS.map((p) => p.code) as [PostCode, ...PostCode[]];

/** ID-7: roles whose holders are privileged (stricter lockout, MFA, 2-hour sessions). */
export const PRIVILEGED_ROLES: readonly RoleCode[] = ['system_admin', 'security_admin'];

/** Posts that manage a unit and so may see its staff (unit-bound rights, ID-11). */
export const UNIT_MANAGER_POSTS: readonly PostCode[] = ['unit_head', 'info_mgmt_chief', 'info_manager'];

export const EMPLOYMENT_TYPES = ['regular', 'non_regular', 'contractor'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const UNIT_KINDS = ['headquarters', 'department', 'division', 'station', 'section', 'office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export function isRoleCode(value: string): value is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(value);
}

export function isPostCode(value: string): value is PostCode {
  return (POST_CODES as readonly string[]).includes(value);
}

/** Accepts a code or a Japanese label of either vocabulary (operators type what they know). */
export function resolveRole(input: string): RoleCode | null {
  if (isRoleCode(input)) return input;
  const match = ROLES.find((r) => r.police.ja === input || r.local_government.ja === input);
  return match ? match.code : null;
}

export function resolvePost(input: string): PostCode | null {
  if (isPostCode(input)) return input;
  const match = POSTS.find((p) => p.police?.ja === input || p.local_government?.ja === input);
  return match ? match.code : null;
}

export function vocabulary(type: OrganizationType) {
  return {
    organizationType: type,
    roles: ROLES.map((r) => ({ code: r.code, label: r[type], privileged: PRIVILEGED_ROLES.includes(r.code) })),
    posts: POSTS.filter((p) => p[type] !== null).map((p) => ({ code: p.code, label: p[type] as Label })),
  };
}
