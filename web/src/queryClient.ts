import { QueryClient } from '@tanstack/react-query';

/**
 * The server state the pages read (useApiData, useCursorList), cached by path and parameters through
 * TanStack Query: two parts of a page asking for the same thing share one request and one answer,
 * and a page visited again shows what it read at once while it reads again.
 *
 * One client per signed-in session (App.tsx): what one account read is gone once it signs out.
 * No retries (an error shows at once, with the server's words, and the page offers to try again)
 * and no refetch on focus: a page reads when it opens and when it is told to.
 */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    },
  });
}
