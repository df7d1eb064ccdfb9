import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { type Locale, type MessageKey, type MessageParams, storedLocale, storeLocale, translate } from '../i18n/index.js';
import { setApiLocale } from './api.js';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface LocaleContextValue {
  locale: Locale;
  t: Translate;
  /** A choice made by the person: stored on this browser and remembered until the server has it. */
  chooseLocale: (locale: Locale) => void;
  /** Follows the preference stored with the account (no new choice to remember). */
  adoptLocale: (locale: Locale) => void;
  /** The choice made since the server last agreed, if any; cleared by calling it. */
  takeUnsyncedChoice: () => Locale | null;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

function applyToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  setApiLocale(locale);
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => {
    const initial = storedLocale() ?? 'ja';
    applyToDocument(initial);
    return initial;
  });
  const unsynced = useRef<Locale | null>(null);

  useEffect(() => {
    applyToDocument(locale);
  }, [locale]);

  const chooseLocale = useCallback((next: Locale) => {
    applyToDocument(next);
    storeLocale(next);
    unsynced.current = next;
    setLocale(next);
  }, []);

  const adoptLocale = useCallback((next: Locale) => {
    applyToDocument(next);
    storeLocale(next);
    setLocale(next);
  }, []);

  const takeUnsyncedChoice = useCallback(() => {
    const choice = unsynced.current;
    unsynced.current = null;
    return choice;
  }, []);

  const value = useMemo<LocaleContextValue>(
    () => ({
      locale,
      t: (key, params) => translate(locale, key, params),
      chooseLocale,
      adoptLocale,
      takeUnsyncedChoice,
    }),
    [locale, chooseLocale, adoptLocale, takeUnsyncedChoice],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useI18n(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useI18n outside LocaleProvider');
  return value;
}
