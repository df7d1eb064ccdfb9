import { NavLink } from 'react-router-dom';
import { firstPendingLevel, GATE_LEVEL } from '../lib/gates.js';
import { useI18n } from '../lib/locale.js';
import { canUseAuditLog, hasRole, useSession } from '../lib/session.js';

const LINK =
  'plain-link inline-flex min-h-12 items-center border-b-4 px-3 text-std-16B-170 hover:underline aria-[current=page]:border-blue-900 aria-[current=page]:text-blue-1000';

/** Main navigation, shown once every gate is passed. Administration only for システム管理者; 監査ログ for 監査 and システム管理者. */
export function SiteNav() {
  const { t } = useI18n();
  const { state } = useSession();
  if (state.status !== 'signed-in' || firstPendingLevel(state.gates) < GATE_LEVEL.full) return null;

  const items = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/account', label: t('nav.account'), end: false },
  ];
  if (hasRole(state, 'system_admin')) items.push({ to: '/admin', label: t('nav.admin'), end: false });
  if (canUseAuditLog(state)) items.push({ to: '/audit', label: t('nav.audit'), end: false });

  return (
    <nav aria-label={t('nav.label')} className="border-b border-solid-gray-420 bg-solid-gray-50">
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-2 px-4 md:px-8">
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
  );
}
