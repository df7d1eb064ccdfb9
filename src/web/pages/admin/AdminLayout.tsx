import { NavLink, Outlet } from 'react-router-dom';
import { useI18n } from '../../lib/locale.js';

const LINK =
  'plain-link block rounded-4 border-l-4 px-3 py-2 text-std-16N-170 hover:bg-blue-50 hover:underline aria-[current=page]:border-blue-900 aria-[current=page]:bg-blue-50 aria-[current=page]:font-bold aria-[current=page]:text-blue-1000';

/** Administration pages share a side menu (所属・職員・設定). */
export function AdminLayout() {
  const { t } = useI18n();
  const items = [
    { to: '/admin/units', label: t('admin.units') },
    { to: '/admin/users', label: t('admin.users') },
    { to: '/admin/settings', label: t('admin.settings') },
  ];
  return (
    <div className="grid gap-8 lg:grid-cols-[13rem_1fr]">
      <nav aria-label={t('admin.menu')} className="lg:pt-2">
        <ul className="space-y-1">
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className={({ isActive }) => `${LINK} ${isActive ? '' : 'border-transparent text-solid-gray-900'}`}>
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
