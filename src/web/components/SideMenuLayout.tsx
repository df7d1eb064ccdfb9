import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router-dom';

const LINK =
  'plain-link block rounded-4 border-l-4 px-3 py-2 text-std-16N-170 hover:bg-blue-50 hover:underline aria-[current=page]:border-blue-900 aria-[current=page]:bg-blue-50 aria-[current=page]:font-bold aria-[current=page]:text-blue-1000';

export interface SideMenuItem {
  to: string;
  label: ReactNode;
  /** Current only on exactly this path (an index page). */
  end?: boolean;
}

/** A section of the app with a side menu (管理, 監査ログ, 申請・決裁) and its pages beside it. */
export function SideMenuLayout({ label, items }: { label: string; items: readonly SideMenuItem[] }) {
  return (
    <div className="grid gap-8 lg:grid-cols-[13rem_1fr]">
      <nav aria-label={label} className="lg:pt-2">
        <ul className="space-y-1">
          {items.map((item) => (
            <li key={item.to}>
              <NavLink
                to={item.to}
                end={item.end ?? false}
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
