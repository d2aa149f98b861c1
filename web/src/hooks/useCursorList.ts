import { keepPreviousData, useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { paths } from '../../../src/api-client/types';
import { getByGenericPath, type ApiAnswer, type ApiPath } from '../api';
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
 * however deep it is, so the list stays fast with thousands of rows. Through the session's query
 * cache (queryClient.ts): changing `filters` reads their first page, showing the list as it was
 * until it arrives; a refresh reads the first page again and drops the others.
 */
export function useCursorList<P extends ListPath>(path: P, filters: Filters<P>, { pageSize = 25, pathParams }: CursorListOptions<P> = {}): CursorList<ItemOf<P>> {
  // Both are new objects at each render: keyed by value.
  const filtersKey = JSON.stringify(filters);
  const pathKey = JSON.stringify(pathParams ?? {});
  const queryKey = useMemo(() => ['api-list', path, pathKey, filtersKey, pageSize], [path, pathKey, filtersKey, pageSize]);
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => {
      const query = { ...JSON.parse(filtersKey), limit: pageSize, cursor: pageParam ?? undefined };
      return getByGenericPath(path, { params: { path: JSON.parse(pathKey), query }, signal }) as Promise<Page<ItemOf<P>>>;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const { data, hasNextPage, fetchNextPage, refetch } = query;
  const items = useMemo(() => data?.pages.flatMap((page) => page.data) ?? [], [data]);

  const loadMore = useCallback(async () => {
    if (hasNextPage) await fetchNextPage();
  }, [hasNextPage, fetchNextPage]);
  const refresh = useCallback(async () => {
    queryClient.setQueryData<InfiniteData<Page<ItemOf<P>>, string | null>>(queryKey, (current) => current && { pages: current.pages.slice(0, 1), pageParams: current.pageParams.slice(0, 1) });
    await refetch();
  }, [queryClient, queryKey, refetch]);

  return {
    items,
    loaded: data !== undefined,
    loading: query.isFetching && !query.isFetchingNextPage,
    loadingMore: query.isFetchingNextPage,
    error: query.error ?? undefined,
    hasMore: hasNextPage,
    loadMore,
    refresh,
  };
}
