import { SideMenuLayout } from '../../components/SideMenuLayout.js';
import { useI18n } from '../../lib/locale.js';

/** Administration pages share a side menu (所属・職員・設定). */
export function AdminLayout() {
  const { t } = useI18n();
  const items = [
    { to: '/admin/units', label: t('admin.units') },
    { to: '/admin/users', label: t('admin.users') },
    { to: '/admin/settings', label: t('admin.settings') },
  ];
  return <SideMenuLayout label={t('admin.menu')} items={items} />;
}
