import { NavLink, Outlet } from 'react-router-dom';
import { useI18n } from '../../lib/locale.js';

const LINK =
  'plain-link block rounded-4 border-l-4 px-3 py-2 text-std-16N-170 hover:bg-blue-50 hover:underline aria-[current=page]:border-blue-900 aria-[current=page]:bg-blue-50 aria-[current=page]:font-bold aria-[current=page]:text-blue-1000';

/** 監査ログ pages share a side menu (検索・検証状況). */
export function AuditLayout() {
  const { t } = useI18n();
  const items = [
    { to: '/audit', label: t('audit.searchTitle'), end: true },
    { to: '/audit/status', label: t('audit.statusTitle'), end: false },
  ];
  return (
    <div className="grid gap-8 lg:grid-cols-[13rem_1fr]">
      <nav aria-label={t('audit.menu')} className="lg:pt-2">
        <ul className="space-y-1">
          {items.map((item) => (
            <li key={item.to}>
              <NavLink
                to={item.to}
                end={item.end}
                className={({ isActive }) => `${LINK} ${isActive ? '' : 'border-transparent text-solid-gray-900'}`}
              >
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0">
        <Outlet />
      </div>
    </div>
  );
}
