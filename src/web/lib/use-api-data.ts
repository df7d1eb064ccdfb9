import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage, isAbort, type QueryValue } from './api.js';
import { useI18n } from './locale.js';

export interface ApiData<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (again whenever path or query change, or reload is called). */
export function useApiData<T>(path: string | null, query?: Readonly<Record<string, QueryValue>>): ApiData<T> {
  const { locale } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation forces a reload; queryKey stands for query.
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    const parsedQuery = JSON.parse(queryKey) as Record<string, QueryValue>;
    setLoading(true);
    setError(null);
    api
      .get<T>(path, { query: parsedQuery, signal: controller.signal })
      .then((answer) => {
        setData(answer);
        setLoading(false);
      })
      .catch((cause: unknown) => {
        if (isAbort(cause)) return;
        setError(errorMessage(cause, localeRef.current));
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, queryKey, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
