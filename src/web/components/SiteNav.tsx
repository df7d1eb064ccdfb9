import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { firstPendingLevel, GATE_LEVEL } from '../lib/gates.js';
import { useI18n } from '../lib/locale.js';
import { useRequestCounts } from '../lib/request-counts.js';
import { canUseAuditLog, hasRole, useSession } from '../lib/session.js';
import { CountBadge } from './CountBadge.js';

const LINK =
  'plain-link inline-flex min-h-12 items-center border-b-4 px-3 text-std-16B-170 hover:underline aria-[current=page]:border-blue-900 aria-[current=page]:text-blue-1000';

/**
 * Main navigation, shown once every gate is passed. 申請・決裁 for everyone, with the number of
 * decisions waiting; administration only for システム管理者; 監査ログ for 監査 and システム管理者.
 */
export function SiteNav() {
  const { t } = useI18n();
  const { state } = useSession();
  const { counts } = useRequestCounts();
  if (state.status !== 'signed-in' || firstPendingLevel(state.gates) < GATE_LEVEL.full) return null;

  const pending = counts?.pending ?? 0;
  const items: { to: string; label: ReactNode; end: boolean }[] = [
    { to: '/', label: t('nav.home'), end: true },
    {
      to: '/requests',
      label: (
        <>
          {t('nav.requests')}
          {pending > 0 ? (
            <CountBadge count={pending} label={t('req.pendingCount', { count: pending })} urgent={(counts?.overdue ?? 0) > 0} />
          ) : null}
        </>
      ),
      end: false,
    },
    { to: '/inquiry', label: t('nav.inquiry'), end: false },
    { to: '/outputs', label: t('nav.outputs'), end: false },
    { to: '/info', label: t('nav.info'), end: false },
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
