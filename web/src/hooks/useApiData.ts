import { useCallback, useEffect, useRef, useState } from 'react';
import { getByGenericPath, isAbort, type ApiAnswer, type ApiInitArgument, type ApiPath } from '../api';

export interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again; the data on screen stays until the new answer arrives. */
  reload: () => Promise<void>;
  /** Replaces the data with an answer the page already has (e.g. the envelope a POST returned). */
  set: (data: T) => void;
}

/**
 * GETs `path` with `init`'s parameters (path null: nothing yet) and keeps the answer; a newer request
 * cancels the older one. A change of path or parameters fetches again.
 */
export function useApiData<P extends ApiPath<'get'>>(path: P | null, ...init: ApiInitArgument<'get', P>): ApiData<ApiAnswer<'get', P>> {
  type T = ApiAnswer<'get', P>;
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const controller = useRef<AbortController | null>(null);
  // The parameters are a new object at each render: compared by value.
  const initKey = JSON.stringify(init[0] ?? {});

  const load = useCallback(async () => {
    if (path === null) return;
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    try {
      const answer = (await getByGenericPath(path, { ...JSON.parse(initKey), signal: current.signal })) as T;
      if (current.signal.aborted) return;
      setData(answer);
      setError(undefined);
    } catch (caught) {
      if (isAbort(caught) || current.signal.aborted) return;
      setError(caught);
    } finally {
      if (!current.signal.aborted) setLoading(false);
    }
  }, [path, initKey]);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    void load();
    return () => controller.current?.abort();
  }, [load]);

  return { data, error, loading, reload: load, set: setData };
}
