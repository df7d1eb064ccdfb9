import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isLocale } from '../i18n/index.js';
import { api, errorMessage, hasCsrfToken, isApiError, onSessionEvent, type SessionEventCode, setCsrfToken } from './api.js';
import { type Gates, NO_GATES, nextPath } from './gates.js';
import { useI18n } from './locale.js';
import type { LoginAnswer, MeAnswer, MfaMethod, SessionInfo, SessionUser } from './types.js';

/** Why the login page is shown again; it says so in a message. */
export type LogoutReason = 'idle' | 'expired' | 'loggedOut' | 'credentialRevoked';

export interface LoginPageState {
  reason?: LogoutReason;
  /** The page someone asked for before being sent to log in. */
  from?: string;
}

export interface SessionState {
  status: 'loading' | 'anonymous' | 'signed-in';
  user: SessionUser | null;
  gates: Gates;
  mfaMethods: MfaMethod[];
  session: SessionInfo | null;
  mfaEnrolled: MeAnswer['mfaEnrolled'] | null;
  /** Set when the server could not be asked at start (not when nobody is logged in). */
  loadError: string | null;
  /** Why the last session ended on this page (shown on the login page). */
  logoutReason: LogoutReason | null;
}

interface SessionContextValue {
  state: SessionState;
  /** Takes a login or second-factor answer; returns where to go next. */
  applyLogin: (answer: LoginAnswer, destination?: string) => string;
  /** Asks GET /api/me again; returns the new state. */
  refresh: () => Promise<SessionState>;
  /** Logs out on the server and clears everything shown. */
  logout: (reason?: LogoutReason) => Promise<void>;
  /** Clears everything shown and goes to the login page (the server session is already over). */
  endLocally: (reason: LogoutReason) => void;
}

const DEFAULT_IDLE_MINUTES = 30;
const IDLE_CHECK_MS = 5_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

const ANONYMOUS: SessionState = {
  status: 'anonymous',
  user: null,
  gates: NO_GATES,
  mfaMethods: [],
  session: null,
  mfaEnrolled: null,
  loadError: null,
  logoutReason: null,
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const { locale, adoptLocale, takeUnsyncedChoice } = useI18n();
  const [state, setState] = useState<SessionState>({ ...ANONYMOUS, status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const commit = useCallback((next: SessionState) => {
    stateRef.current = next;
    setState(next);
    return next;
  }, []);

  /** The account's stored language wins unless the person chose one since; that choice is saved. */
  const syncLocale = useCallback(
    (user: SessionUser) => {
      const choice = takeUnsyncedChoice();
      if (choice) {
        if (choice !== user.locale) {
          api.patch('/api/me/preferences', { locale: choice }, { quiet: true }).catch(() => undefined);
        }
      } else if (isLocale(user.locale) && user.locale !== localeRef.current) {
        adoptLocale(user.locale);
      }
    },
    [adoptLocale, takeUnsyncedChoice],
  );

  /** State from GET /api/me (every gate up to the password change passed). */
  const fromMe = useCallback(
    (me: MeAnswer, mfaMethods: MfaMethod[]): SessionState => ({
      status: 'signed-in',
      user: me.user,
      gates: {
        mfaRequired: false,
        passwordChangeRequired: me.passwordChangeRequired,
        mfaEnrollmentRequired: me.mfaEnrollmentRequired,
        noticeAcknowledgementRequired: me.noticeAcknowledgementRequired,
      },
      mfaMethods,
      session: me.session,
      mfaEnrolled: me.mfaEnrolled,
      loadError: null,
      logoutReason: null,
    }),
    [],
  );

  const refresh = useCallback(async (): Promise<SessionState> => {
    const previous = stateRef.current;
    const failed = (error: unknown): SessionState => {
      if (isApiError(error) && error.status === 401 && error.code !== 'mfa_required') {
        setCsrfToken(null);
        return commit(ANONYMOUS);
      }
      if (previous.status === 'loading') return commit({ ...ANONYMOUS, loadError: errorMessage(error, localeRef.current) });
      throw error;
    };

    // GET /api/auth/session answers in any state (also before the second factor or the password
    // change) and carries the CSRF token, so a reloaded page knows where it stands.
    let answer: LoginAnswer | null = null;
    try {
      answer = await api.get<LoginAnswer>('/api/auth/session', { quiet: true });
    } catch (error) {
      const missing = isApiError(error) && (error.status === 404 || error.status === 405);
      if (!missing) return failed(error);
    }
    if (answer) {
      const pending: SessionState = {
        status: 'signed-in',
        user: answer.user,
        gates: {
          mfaRequired: answer.mfaRequired,
          passwordChangeRequired: answer.passwordChangeRequired,
          mfaEnrollmentRequired: answer.mfaEnrollmentRequired,
          noticeAcknowledgementRequired: answer.noticeAcknowledgementRequired,
        },
        mfaMethods: answer.mfaMethods ?? [],
        session: null,
        mfaEnrolled: null,
        loadError: null,
        logoutReason: null,
      };
      if (answer.mfaRequired || answer.passwordChangeRequired) return commit(pending);
    }

    try {
      const me = await api.get<MeAnswer>('/api/me', { quiet: true });
      syncLocale(me.user);
      return commit(fromMe(me, answer?.mfaMethods ?? previous.mfaMethods));
    } catch (error) {
      const gated = isApiError(error) && (error.code === 'password_change_required' || error.code === 'mfa_required');
      // Without the CSRF token nothing can be sent: log in again.
      if (gated && hasCsrfToken()) {
        return commit({
          ...previous,
          status: 'signed-in',
          gates: {
            ...previous.gates,
            mfaRequired: error.code === 'mfa_required',
            passwordChangeRequired: error.code === 'password_change_required' || previous.gates.passwordChangeRequired,
          },
          loadError: null,
        });
      }
      if (gated) {
        setCsrfToken(null);
        return commit(ANONYMOUS);
      }
      return failed(error);
    }
  }, [commit, fromMe, syncLocale]);

  const applyLogin = useCallback(
    (answer: LoginAnswer, destination = '/') => {
      setCsrfToken(answer.csrfToken);
      const gates: Gates = {
        mfaRequired: answer.mfaRequired,
        passwordChangeRequired: answer.passwordChangeRequired,
        mfaEnrollmentRequired: answer.mfaEnrollmentRequired,
        noticeAcknowledgementRequired: answer.noticeAcknowledgementRequired,
      };
      commit({
        status: 'signed-in',
        user: answer.user,
        gates,
        mfaMethods: answer.mfaMethods ?? [],
        session: null,
        mfaEnrolled: null,
        loadError: null,
        logoutReason: null,
      });
      if (!gates.mfaRequired && !gates.passwordChangeRequired) {
        syncLocale(answer.user);
        // Session details (idle limit, expiry) come with GET /api/me.
        refresh().catch(() => undefined);
      }
      return nextPath(gates, destination);
    },
    [commit, refresh, syncLocale],
  );

  const endLocally = useCallback(
    (reason: LogoutReason) => {
      setCsrfToken(null);
      // The reason is kept in the state too: the router may apply the navigation after the guard
      // of the current page has already sent it to the login page.
      commit({ ...ANONYMOUS, logoutReason: reason });
      const pageState: LoginPageState = { reason };
      navigate('/login', { replace: true, state: pageState });
    },
    [commit, navigate],
  );

  const logout = useCallback(
    async (reason: LogoutReason = 'loggedOut') => {
      try {
        await api.post('/api/auth/logout', undefined, { quiet: true });
      } catch {
        // The session may already be over on the server; the screen is cleared all the same.
      }
      endLocally(reason);
    },
    [endLocally],
  );

  // Start: is somebody logged in on this browser?
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  // Answers that say the session ended or a gate closed change the screen at once.
  useEffect(
    () =>
      onSessionEvent((code: SessionEventCode) => {
        const current = stateRef.current;
        if (current.status !== 'signed-in') return;
        if (code === 'unauthenticated' || code === 'session_expired') {
          endLocally('expired');
          return;
        }
        refresh()
          .then((next) => {
            if (next.status === 'signed-in') navigate(nextPath(next.gates), { replace: true });
          })
          .catch(() => undefined);
      }),
    [endLocally, navigate, refresh],
  );

  // ID-10: no input for the configured time → log off and clear the screen.
  const idleMinutes = state.session?.idleTimeoutMinutes ?? DEFAULT_IDLE_MINUTES;
  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    const limit = idleMinutes * 60_000;
    let last = Date.now();
    let fired = false;
    const mark = () => {
      last = Date.now();
    };
    const check = () => {
      if (fired || Date.now() - last < limit) return;
      fired = true;
      logout('idle').catch(() => undefined);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, mark, { passive: true, capture: true });
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, IDLE_CHECK_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, mark, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [signedIn, idleMinutes, logout]);

  const value = useMemo<SessionContextValue>(
    () => ({ state, applyLogin, refresh, logout, endLocally }),
    [state, applyLogin, refresh, logout, endLocally],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function hasRole(state: SessionState, role: string): boolean {
  return state.user?.roles.includes(role) ?? false;
}

/** Who may use the audit log (Cedar policy audit-log-access-by-auditor-or-system-administrator). */
export const AUDIT_ROLES: readonly string[] = ['auditor', 'system_admin'];

export function canUseAuditLog(state: SessionState): boolean {
  return AUDIT_ROLES.some((role) => hasRole(state, role));
}

/** Who may see every unit's applications (Cedar action request.admin): システム管理者, 総務部長, 監査. */
export const REQUEST_OVERSIGHT_ROLES: readonly string[] = ['system_admin', 'general_affairs_director', 'auditor'];

export function canOverseeRequests(state: SessionState): boolean {
  return REQUEST_OVERSIGHT_ROLES.some((role) => hasRole(state, role));
}
