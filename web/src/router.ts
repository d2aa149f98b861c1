import { useSyncExternalStore, type MouseEvent } from 'react';

/**
 * A router of a few lines on the History API: no router package is allowed here, and the app has
 * only four pages. The server answers every page path with index.html, so deep links work.
 */

const NAVIGATE_EVENT = 'countersign:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/**
 * The page's query string (`?tab=completed&sort=title`): a list keeps its filters there, so that a
 * link, a reload and Back bring them back. Read it with `new URLSearchParams(search)`.
 */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/**
 * Replaces the query string of the current page (no new history entry: Back leaves the page rather
 * than undoing each filter), keeping only the parameters with a value.
 */
export function replaceSearch(params: Record<string, string | undefined>): void {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  const to = window.location.pathname + (query ? `?${query}` : '');
  if (to === window.location.pathname + window.location.search) return;
  window.history.replaceState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

/**
 * `href` and `onClick` for an `<a>` that navigates without reloading, while a middle click or
 * Ctrl/Cmd-click still opens a new tab as people expect of a link.
 */
export function linkProps(href: string, onNavigate?: () => void) {
  return {
    href,
    onClick: (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
      onNavigate?.();
    },
  };
}

/** `/envelopes/env_01…` → `{ id: 'env_01…' }` for the pattern `/envelopes/:id`; null when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}
