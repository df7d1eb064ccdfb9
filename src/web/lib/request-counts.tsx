import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from './api.js';
import { firstPendingLevel, GATE_LEVEL } from './gates.js';
import type { InboxAnswer, InboxCounts } from './request-types.js';
import { useSession } from './session.js';

interface RequestCountsValue {
  /** null until known (or when the inbox cannot be read). */
  counts: InboxCounts | null;
  refresh: () => void;
}

const RequestCountsContext = createContext<RequestCountsValue>({ counts: null, refresh: () => undefined });

/**
 * The counts of the approvals inbox (決裁待ち, 期限超過, 書面未提出) for the navigation badges; asked
 * again on every page change and after a decision, so the badge never lags behind the inbox.
 */
export function RequestCountsProvider({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const { pathname } = useLocation();
  const ready = state.status === 'signed-in' && firstPendingLevel(state.gates) >= GATE_LEVEL.full;
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname and generation are the reasons to ask again.
  useEffect(() => {
    if (!ready) {
      setCounts(null);
      return;
    }
    const controller = new AbortController();
    api
      .get<InboxAnswer>('/api/requests/inbox', { signal: controller.signal, quiet: true })
      .then((answer) => setCounts(answer.counts))
      .catch(() => undefined);
    return () => controller.abort();
  }, [ready, pathname, generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const value = useMemo(() => ({ counts, refresh }), [counts, refresh]);
  return <RequestCountsContext.Provider value={value}>{children}</RequestCountsContext.Provider>;
}

export function useRequestCounts(): RequestCountsValue {
  return useContext(RequestCountsContext);
}
