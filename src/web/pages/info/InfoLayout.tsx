import { type SideMenuItem, SideMenuLayout } from '../../components/SideMenuLayout.js';
import { useI18n } from '../../lib/locale.js';
import { useSession } from '../../lib/session.js';
import {
  canAdministerApplications,
  canSeeAccessRecords,
  canSeeUnitRights,
  hasInformationOversight,
  isSystemAdmin,
  registrarUnitCodes,
} from './info-access.js';

/** 業務管理 pages share a side menu; each item only for those whose role or post may use it. */
export function InfoLayout() {
  const { t } = useI18n();
  const { state } = useSession();
  const items: SideMenuItem[] = [{ to: '/info', label: t('info.menu.applications'), end: true }];
  if (canAdministerApplications(state)) items.push({ to: '/info/effects', label: t('info.menu.effects') });
  items.push({ to: '/info/rights', label: t('info.menu.myRights'), end: true });
  if (canSeeUnitRights(state)) items.push({ to: '/info/rights/unit', label: t('info.menu.unitRights') });
  if (registrarUnitCodes(state).length > 0) items.push({ to: '/info/rights/pending', label: t('info.menu.pendingRights') });
  if (hasInformationOversight(state)) items.push({ to: '/info/rights/unused', label: t('info.menu.unusedRights') });
  if (isSystemAdmin(state)) items.push({ to: '/info/contracts', label: t('info.menu.contracts') });
  if (canSeeAccessRecords(state)) items.push({ to: '/info/access-records', label: t('info.menu.accessRecords') });
  items.push({ to: '/info/manuals', label: t('info.menu.manuals') });
  return <SideMenuLayout label={t('info.menu')} items={items} />;
}
