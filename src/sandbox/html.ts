/** Tiny HTML helpers for the provider sandboxes' pages (signing pages, settings pages). */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A whole page with a little CSS under a banner naming the sandbox (`banner` is plain text, e.g.
 * "Autenti sandbox"); `body` must already be escaped.
 */
export function sandboxPage(banner: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2433; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  .banner { background: #fff4d6; border: 1px solid #e9c46a; padding: .5rem .8rem; border-radius: 4px; font-size: .9rem; }
  .notice { background: #e8f4ff; border: 1px solid #7ab8f5; padding: .6rem .8rem; border-radius: 4px; }
  .error { background: #fde8e8; border: 1px solid #e57373; padding: .6rem .8rem; border-radius: 4px; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }
  textarea, input[type=text], input[type=url] { width: 100%; box-sizing: border-box; font-family: inherit; }
  textarea.key { font-family: monospace; font-size: .8rem; min-height: 6rem; }
  button { padding: .45rem 1rem; margin: .3rem .3rem .3rem 0; cursor: pointer; }
  code { background: #f2f2f2; padding: 0 .2rem; word-break: break-all; }
</style></head>
<body><p class="banner">${escapeHtml(banner)} — an offline emulator; nothing here is legally signed.</p>
${body}
</body></html>`;
}
