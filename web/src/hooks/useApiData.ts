import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isAbort } from '../api';

export interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again; the data on screen stays until the new answer arrives. */
  reload: () => Promise<void>;
  /** Replaces the data with an answer the page already has (e.g. the envelope a POST returned). */
  set: (data: T) => void;
}

/** GETs `path` (null: nothing yet) and keeps the answer; a newer request cancels the older one. */
export function useApiData<T>(path: string | null): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    if (path === null) return;
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    try {
      const answer = await api.get<T>(path, { signal: current.signal });
      if (current.signal.aborted) return;
      setData(answer);
      setError(undefined);
    } catch (caught) {
      if (isAbort(caught) || current.signal.aborted) return;
      setError(caught);
    } finally {
      if (!current.signal.aborted) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    void load();
    return () => controller.current?.abort();
  }, [load]);

  return { data, error, loading, reload: load, set: setData };
}
