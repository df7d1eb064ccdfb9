import { CountBadge } from '../../components/CountBadge.js';
import { SideMenuLayout } from '../../components/SideMenuLayout.js';
import { useI18n } from '../../lib/locale.js';
import { useRequestCounts } from '../../lib/request-counts.js';
import { canOverseeRequests, useSession } from '../../lib/session.js';

/** 申請・決裁 pages share a side menu; 決裁待ち carries the count of decisions waiting. */
export function RequestsLayout() {
  const { t } = useI18n();
  const { state } = useSession();
  const { counts } = useRequestCounts();
  const pending = counts?.pending ?? 0;
  const items = [
    { to: '/requests', label: t('req.mine.title'), end: true },
    {
      to: '/requests/inbox',
      label: (
        <>
          {t('req.inbox.title')}
          {pending > 0 ? (
            <CountBadge count={pending} label={t('req.pendingCount', { count: pending })} urgent={(counts?.overdue ?? 0) > 0} />
          ) : null}
        </>
      ),
    },
    { to: '/requests/new', label: t('req.new.title') },
    { to: '/requests/delegations', label: t('req.delegations.title') },
    { to: '/requests/external-services', label: t('req.services.title') },
  ];
  if (canOverseeRequests(state)) items.push({ to: '/requests/all', label: t('req.all.title') });
  return <SideMenuLayout label={t('req.menu')} items={items} />;
}
