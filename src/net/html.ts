/**
 * The two helpers every server-rendered page needs (the sandboxes' pages, the signing return page,
 * the completion certificate): kept here, below api/, app/ and sandbox/, so that each page escapes
 * and shows instants the same way.
 */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * An instant as a person reads it, in UTC ("3 Mar 2026, 14:05:09 UTC"): a server-rendered page does
 * not know the reader's time zone, and these pages carry no script to find out.
 */
export function readableTime(at: string | number | Date): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return escapeHtml(at);
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(date);
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(text)} UTC</time>`;
}
