import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads `fetcher` now, again whenever `key` changes, and every `everyMs` if given (the fleet and plan
 * pages refresh themselves: a 3 a.m. screen must not go stale). Keeps the last data while reloading.
 */
export function useLoad<T>(fetcher: () => Promise<T>, key: string, everyMs?: number): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(fetcher);
  latest.current = fetcher;
  useEffect(() => {
    let live = true;
    setLoading(true);
    latest.current().then(
      (d) => { if (live) { setData(d); setError(undefined); setLoading(false); } },
      (e: unknown) => { if (live) { setError(asApiError(e)); setLoading(false); } },
    );
    return () => { live = false; };
  }, [key, tick]);
  useEffect(() => {
    if (!everyMs) return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  useEffect(() => setData(undefined), [key]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'client_error', e instanceof Error ? e.message : String(e));
}
