import { Outlet } from 'react-router-dom';
import { useI18n } from '../lib/locale.js';
import { hasRole, useSession } from '../lib/session.js';
import { Alert } from './Alert.js';
import { PageTitle } from './PageTitle.js';

/** Pages for one role only. The server refuses the data anyway; this keeps the screen honest. */
export function RequireRole({ requiredRole }: { requiredRole: string }) {
  const { t } = useI18n();
  const { state } = useSession();
  if (!hasRole(state, requiredRole)) {
    return (
      <>
        <PageTitle>{t('forbidden.title')}</PageTitle>
        <Alert>{t('forbidden.body')}</Alert>
      </>
    );
  }
  return <Outlet />;
}
