import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from './api.js';
import type { Vocabulary } from './types.js';

/**
 * GET /api/vocabulary: the organisation's name and the words it uses for roles and posts
 * (police or local government). Public, loaded once, reloaded after the settings change.
 */
interface VocabularyContextValue {
  vocabulary: Vocabulary | null;
  reload: () => Promise<void>;
}

const VocabularyContext = createContext<VocabularyContextValue | null>(null);

export function VocabularyProvider({ children }: { children: ReactNode }) {
  const [vocabulary, setVocabulary] = useState<Vocabulary | null>(null);

  const reload = useCallback(async () => {
    try {
      setVocabulary(await api.get<Vocabulary>('/api/vocabulary', { quiet: true }));
    } catch {
      // Labels fall back to codes; the pages that need the vocabulary say so themselves.
    }
  }, []);

  useEffect(() => {
    reload().catch(() => undefined);
  }, [reload]);

  const value = useMemo(() => ({ vocabulary, reload }), [vocabulary, reload]);
  return <VocabularyContext.Provider value={value}>{children}</VocabularyContext.Provider>;
}

export function useVocabulary(): VocabularyContextValue {
  const value = useContext(VocabularyContext);
  if (!value) throw new Error('useVocabulary outside VocabularyProvider');
  return value;
}
