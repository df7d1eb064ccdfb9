import { SideMenuLayout } from '../../components/SideMenuLayout.js';
import { useI18n } from '../../lib/locale.js';

/** 出力資料管理簿: the ledger and the overdue report share a side menu. */
export function OutputsLayout() {
  const { t } = useI18n();
  return (
    <SideMenuLayout
      label={t('out.menu')}
      items={[
        { to: '/outputs', label: t('out.list.title'), end: true },
        { to: '/outputs/overdue', label: t('out.overdue.title') },
      ]}
    />
  );
}
