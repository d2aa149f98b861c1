import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { getByGenericPath, type ApiAnswer, type ApiInitArgument, type ApiPath } from '../api';

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
 * GETs `path` with `init`'s parameters (path null: nothing yet) and keeps the answer, through the
 * session's query cache (queryClient.ts); a reload cancels the request still running. A change of
 * path or parameters reads again: the other parameters' answer is not shown meanwhile.
 */
export function useApiData<P extends ApiPath<'get'>>(path: P | null, ...init: ApiInitArgument<'get', P>): ApiData<ApiAnswer<'get', P>> {
  type T = ApiAnswer<'get', P>;
  // The parameters are a new object at each render: keyed by value.
  const initKey = JSON.stringify(init[0] ?? {});
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['api', path, initKey],
    queryFn: ({ signal }) => getByGenericPath(path!, { ...JSON.parse(initKey), signal }) as Promise<T>,
    enabled: path !== null,
  });
  const { refetch } = query;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  const set = useCallback((data: T) => queryClient.setQueryData(['api', path, initKey], data), [queryClient, path, initKey]);
  return { data: query.data, error: query.error ?? undefined, loading: path !== null && query.isFetching, reload, set };
}
