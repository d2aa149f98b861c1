/**
 * Where "Back to list" goes: the envelope list as it was last shown in this tab (its tab, sort and
 * search are in its URL), kept in sessionStorage so that a reload of the envelope page or a link
 * opened from the history still returns there, and a new tab starts from the plain list.
 */
const LAST_LIST_KEY = 'countersign:last-envelope-list';
const PLAIN_LIST = '/envelopes';

export function rememberEnvelopeList(url: string): void {
  try {
    sessionStorage.setItem(LAST_LIST_KEY, url);
  } catch {
    // Storage refused (a private window's quota): Back to list falls back to the plain list.
  }
}

export function lastEnvelopeList(): string {
  let url: string | null = null;
  try {
    url = sessionStorage.getItem(LAST_LIST_KEY);
  } catch {
    // as above
  }
  // Only ever the list itself: a stored value is never a way to send the app elsewhere.
  return url !== null && (url === PLAIN_LIST || url.startsWith(`${PLAIN_LIST}?`)) ? url : PLAIN_LIST;
}
