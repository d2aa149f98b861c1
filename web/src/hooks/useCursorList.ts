import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isAbort, query } from '../api';
import type { Page } from '../types';

export interface CursorList<T> {
  items: T[];
  /** True once the first page has arrived. */
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  /** Starts again from the first page (after an upload, a sync…). */
  refresh: () => Promise<void>;
}

/**
 * A list read page by page with the API's `nextCursor`, never an offset: each page costs the same
 * however deep it is, so the list stays fast with thousands of rows. Changing `params` starts over.
 */
export function useCursorList<T>(path: string, params: Record<string, string | undefined>, pageSize = 25): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const controller = useRef<AbortController | null>(null);
  const paramsKey = JSON.stringify(params);

  const fetchPage = useCallback(
    async (after: string | null) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      if (after === null) setLoading(true);
      else setLoadingMore(true);
      try {
        const page = await api.get<Page<T>>(`${path}${query({ ...JSON.parse(paramsKey), limit: pageSize, cursor: after })}`, {
          signal: current.signal,
        });
        if (current.signal.aborted) return;
        setItems((previous) => (after === null ? page.data : [...previous, ...page.data]));
        setCursor(page.nextCursor);
        setLoaded(true);
        setError(undefined);
      } catch (caught) {
        if (isAbort(caught) || current.signal.aborted) return;
        setError(caught);
      } finally {
        if (!current.signal.aborted) {
          setLoading(false);
          setLoadingMore(false);
        }
      }
    },
    [path, paramsKey, pageSize],
  );

  useEffect(() => {
    void fetchPage(null);
    return () => controller.current?.abort();
  }, [fetchPage]);

  const loadMore = useCallback(async () => {
    if (cursor !== null) await fetchPage(cursor);
  }, [cursor, fetchPage]);
  const refresh = useCallback(() => fetchPage(null), [fetchPage]);

  return { items, loaded, loading, loadingMore, error, hasMore: cursor !== null, loadMore, refresh };
}
