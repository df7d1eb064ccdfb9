import { SideMenuLayout } from '../../components/SideMenuLayout.js';
import { useI18n } from '../../lib/locale.js';

/** 監査ログ pages share a side menu (検索・検証状況). */
export function AuditLayout() {
  const { t } = useI18n();
  const items = [
    { to: '/audit', label: t('audit.searchTitle'), end: true },
    { to: '/audit/status', label: t('audit.statusTitle') },
  ];
  return <SideMenuLayout label={t('audit.menu')} items={items} />;
}
