import { useCallback, useEffect, useState } from 'react';
import { apiGet } from './client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again (e.g. after a change or from a "retry" button). */
  reload: () => void;
}

/**
 * GETs `path` whenever it changes; `null` means "not yet" (e.g. waiting for a parameter). The previous data stays
 * visible while a new page loads so tables do not flash empty between pages.
 */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState<boolean>(path !== null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    apiGet<T>(path, controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setLoading(false);
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        setError(cause);
        setData(undefined);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
