import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { firstPendingLevel, type GateLevel, nextPath } from '../lib/gates.js';
import { type LoginPageState, useSession } from '../lib/session.js';
import { Loading } from './Loading.js';

/**
 * Lets a page through only when someone is logged in and every gate before the page's own level
 * is passed; otherwise sends them to the login page or to the gate that is still closed.
 */
export function RequireSession({ level }: { level: GateLevel }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    // After a logoff the next person should not land on the previous person's page.
    const loginState: LoginPageState = state.logoutReason
      ? { reason: state.logoutReason }
      : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={loginState} />;
  }
  if (firstPendingLevel(state.gates) < level) return <Navigate to={nextPath(state.gates)} replace />;
  return <Outlet />;
}
