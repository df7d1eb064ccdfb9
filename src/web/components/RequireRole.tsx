import { Outlet } from 'react-router-dom';
import type { MessageKey } from '../i18n/index.js';
import { useI18n } from '../lib/locale.js';
import { hasRole, useSession } from '../lib/session.js';
import { Alert } from './Alert.js';
import { PageTitle } from './PageTitle.js';

/**
 * Pages for some roles only (any one of `requiredRole` suffices). The server refuses the data
 * anyway; this keeps the screen honest.
 */
export function RequireRole({
  requiredRole,
  forbiddenMessage = 'forbidden.body',
}: {
  requiredRole: string | readonly string[];
  forbiddenMessage?: MessageKey;
}) {
  const { t } = useI18n();
  const { state } = useSession();
  const roles = typeof requiredRole === 'string' ? [requiredRole] : requiredRole;
  if (!roles.some((role) => hasRole(state, role))) {
    return (
      <>
        <PageTitle>{t('forbidden.title')}</PageTitle>
        <Alert>{t(forbiddenMessage)}</Alert>
      </>
    );
  }
  return <Outlet />;
}
