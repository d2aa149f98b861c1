import { useCallback, useEffect, useRef, useState } from 'react';
import type { paths } from '../../../src/api-client/types';
import { getByGenericPath, isAbort, type ApiAnswer, type ApiPath } from '../api';
import type { Page } from '../types';

/** The GET paths that answer one page of a list: `{ data, nextCursor }`. */
type ListPath = { [P in ApiPath<'get'>]: ApiAnswer<'get', P> extends Page<unknown> ? P : never }[ApiPath<'get'>];
type ItemOf<P extends ListPath> = ApiAnswer<'get', P> extends Page<infer Item> ? Item : never;
/** The list's own query parameters (a status, a search…); the hook adds `limit` and `cursor`. */
type Filters<P extends ListPath> = paths[P]['get'] extends { parameters: { query?: infer Query } } ? Omit<NonNullable<Query>, 'limit' | 'cursor'> : never;
/** The path parameters of a list under one resource (`{ endpointId }` of an endpoint's deliveries); never for the others. */
type PathParams<P extends ListPath> = paths[P]['get'] extends { parameters: { path: infer Path } } ? Path : never;

export interface CursorListOptions<P extends ListPath> {
  pageSize?: number;
  pathParams?: PathParams<P>;
}

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
 * however deep it is, so the list stays fast with thousands of rows. Changing `filters` starts over.
 */
export function useCursorList<P extends ListPath>(path: P, filters: Filters<P>, { pageSize = 25, pathParams }: CursorListOptions<P> = {}): CursorList<ItemOf<P>> {
  const [items, setItems] = useState<ItemOf<P>[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const controller = useRef<AbortController | null>(null);
  // Both are new objects at each render: compared by value.
  const filtersKey = JSON.stringify(filters);
  const pathKey = JSON.stringify(pathParams ?? {});

  const fetchPage = useCallback(
    async (after: string | null) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      if (after === null) setLoading(true);
      else setLoadingMore(true);
      try {
        const query = { ...JSON.parse(filtersKey), limit: pageSize, cursor: after ?? undefined };
        const page = (await getByGenericPath(path, { params: { path: JSON.parse(pathKey), query }, signal: current.signal })) as Page<ItemOf<P>>;
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
    [path, pathKey, filtersKey, pageSize],
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
