import type { FastifyReply, FastifyRequest } from 'fastify';

/** Tiny HTML helpers for the provider sandboxes' pages (signing pages, settings pages, mailbox, phone outbox). */

export { escapeHtml, readableTime } from '../net/html.js';
import { escapeHtml } from '../net/html.js';

/** An http(s) URL in running text; it ends before whitespace, quotes and angle brackets. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;

/**
 * Plain text as HTML, escaped, with every http(s) address in it made a link. Only http(s) becomes a
 * link: a `javascript:` or `data:` address in a message stays text. Trailing punctuation that ends a
 * sentence ("…at https://x.example/a.") is left out of the link.
 */
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.,;:!?)]+$/, '');
    html += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

/** A file size as a person reads it: "812 bytes", "14 KB", "2.3 MB". */
export function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Whether a control route that answers JSON to programs should answer a page instead: `?format=html`
 * or `?format=json` decide; otherwise a browser (its Accept names `text/html`) gets the page and every
 * other caller — `*`/`*`, `application/json`, no Accept at all, as scripts and tests send — the JSON
 * it always had.
 */
export function wantsPage(request: FastifyRequest): boolean {
  const format = (request.query as { format?: unknown } | undefined)?.format;
  if (format === 'html') return true;
  if (format === 'json') return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * A query parameter given once, trimmed; `undefined` when it is absent, empty, or repeated
 * (`?to=a&to=b` parses to an array, which a filter cannot take).
 */
export function textParameter(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Sends a whole page. */
export const sendPage = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

/**
 * A whole page with a little CSS under a banner naming the sandbox (`banner` is plain text, e.g.
 * "Autenti sandbox"); `body` must already be escaped.
 *
 * A table with class `stack` becomes one block per row below 40rem (phones): each cell shows its
 * `data-label` above its value, and the `<thead>` is hidden. Long values (ids, URLs) break anywhere
 * rather than widen the page.
 */
export function sandboxPage(banner: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2433; overflow-wrap: anywhere; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  .banner { background: #fff4d6; border: 1px solid #e9c46a; padding: .5rem .8rem; border-radius: 4px; font-size: .9rem; }
  .notice { background: #e8f4ff; border: 1px solid #7ab8f5; padding: .6rem .8rem; border-radius: 4px; }
  .error { background: #fde8e8; border: 1px solid #e57373; padding: .6rem .8rem; border-radius: 4px; }
  .muted { color: #5b6475; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }
  textarea, input[type=text], input[type=url], input[type=email], input[type=search] { width: 100%; box-sizing: border-box; font-family: inherit; font-size: 1rem; }
  textarea.key { font-family: monospace; font-size: .8rem; min-height: 6rem; }
  button, a.button { display: inline-block; padding: .45rem 1rem; margin: .3rem .3rem .3rem 0; cursor: pointer; font: inherit; }
  a.button { background: #1f5fbf; color: #fff; border-radius: 4px; text-decoration: none; }
  code { background: #f2f2f2; padding: 0 .2rem; word-break: break-all; }
  nav.links a { margin-right: 1rem; }
  form.filter { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
  form.filter label { flex: 1 1 14rem; }
  .message { border: 1px solid #d5dae3; border-radius: 6px; padding: .2rem 1rem .6rem; margin: 1rem 0; }
  .message h2 { margin-top: .8rem; }
  dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .4rem 0; font-size: .9rem; }
  dl.meta dt { color: #5b6475; } dl.meta dd { margin: 0; }
  .text { white-space: pre-wrap; background: #f7f8fa; padding: .6rem .8rem; border-radius: 4px; margin: .5rem 0; }
  .code { font-family: monospace; font-size: 1.2rem; letter-spacing: .15rem; }
  @media (max-width: 40rem) {
    body { margin: 1rem auto; }
    table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
    table.stack thead { display: none; }
    table.stack tr { border-bottom: 1px solid #ddd; padding: .4rem 0; }
    table.stack td { border: 0; padding: .2rem 0; }
    table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: .8rem; color: #5b6475; }
  }
</style></head>
<body><p class="banner">${escapeHtml(banner)} — an offline emulator; nothing here is legally signed.</p>
${body}
</body></html>`;
}
