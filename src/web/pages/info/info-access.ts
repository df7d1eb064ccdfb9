import { hasRole, type SessionState } from '../../lib/session.js';

/**
 * Who sees which part of 業務管理. The server decides (Cedar, src/server/authz/policies.cedar); these
 * mirror its policies so the menu only offers what the person may open, and every page still shows
 * the server's 403 in words when the two ever disagree.
 */

/** Cedar application-administration: システム管理者 and 総務部長 (application.admin, records.import, manual.manage). */
export const APPLICATION_ADMIN_ROLES: readonly string[] = ['system_admin', 'general_affairs_director'];

/** Cedar information-oversight: every unit's rights, the unused-rights report and access records. */
export const INFORMATION_OVERSIGHT_ROLES: readonly string[] = ['system_admin', 'general_affairs_director', 'auditor'];

/** Posts that manage a unit (UNIT_MANAGER_POSTS in src/server/modules/org/catalog.ts). */
const UNIT_MANAGER_POSTS: readonly string[] = ['unit_head', 'info_mgmt_chief', 'info_manager'];

export function canAdministerApplications(state: SessionState): boolean {
  return APPLICATION_ADMIN_ROLES.some((role) => hasRole(state, role));
}

export function hasInformationOversight(state: SessionState): boolean {
  return INFORMATION_OVERSIGHT_ROLES.some((role) => hasRole(state, role));
}

/** Codes of the units this person manages (所属長・情報管理責任者・情報管理者). */
export function managedUnitCodes(state: SessionState): string[] {
  const posts = state.user?.posts ?? [];
  return [...new Set(posts.filter((p) => UNIT_MANAGER_POSTS.includes(p.post)).map((p) => p.unitCode))];
}

/** Codes of the units for which this person is 登録担当者 (APP-3, AIC 第5-1). */
export function registrarUnitCodes(state: SessionState): string[] {
  const posts = state.user?.posts ?? [];
  return [...new Set(posts.filter((p) => p.post === 'registrar').map((p) => p.unitCode))];
}

/** Units whose rights this person may list: managed or registrar units (rights.read on Unit). */
export function rightsUnitCodes(state: SessionState): string[] {
  return [...new Set([...managedUnitCodes(state), ...registrarUnitCodes(state)])];
}

export function canSeeUnitRights(state: SessionState): boolean {
  return hasInformationOversight(state) || rightsUnitCodes(state).length > 0;
}

/** APP-8: access records for oversight roles, and unit managers for their own unit (access.read.unit). */
export function canSeeAccessRecords(state: SessionState): boolean {
  return hasInformationOversight(state) || managedUnitCodes(state).length > 0;
}

export function isSystemAdmin(state: SessionState): boolean {
  return hasRole(state, 'system_admin');
}
