import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Vite names every file under /assets after a hash of its content: a cached copy is never stale. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html names the current assets, so browsers must revalidate it (ETag) to pick up a new release. */
const PAGE_CACHE = 'no-cache';

/** Paths that belong to the server, never to the web app: their unknown URLs stay problem+json 404s. */
const SERVER_PATHS = /^\/(api|sandbox)(\/|$)|^\/health(\/|$)/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Countersign — web app not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}code{background:#f1f3f5;padding:.1rem .3rem;border-radius:4px}</style>
</head><body>
<h1>The web app is not built</h1>
<p>Countersign's API is running, but the web app's files are missing. Run <code>npm run build</code> in the Countersign folder, then restart the server.</p>
<p>The REST API works without it: see the <a href="/api/v1/docs">API reference</a>.</p>
</body></html>`;

/**
 * Serves the built web app (`vite build` output) at `/`, and index.html for any page path of the app
 * (`/envelopes/env_…`), so that deep links and reloads work with its client-side routing. Register it
 * after the API routes and the not-found handler: unknown API URLs, non-GET requests and requests
 * that do not ask for HTML still reach the API's problem+json 404.
 */
export async function registerWebApp(app: FastifyInstance, options: { root: string }): Promise<void> {
  const built = existsSync(join(options.root, 'index.html'));

  if (built) {
    await app.register(fastifyStatic, {
      root: options.root,
      prefix: '/',
      // One route per built file, listed at start: no catch-all route that would swallow API 404s.
      wildcard: false,
      // `/` is answered by the route below, like every other page, so a JSON request to it stays a 404.
      index: false,
      // Cache-Control is set below per file; `send`'s own default (max-age=0) would override it.
      cacheControl: false,
      setHeaders(response, path) {
        response.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? ASSET_CACHE : PAGE_CACHE);
      },
    });
  }

  app.get('/*', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    // Files of a build made after the server started (their routes were listed at start): served
    // from disk, confined to the root by `send`; a missing one is the usual 404.
    if (built && path.startsWith('/assets/')) {
      const file = safeDecode(path.slice(1));
      return file === undefined ? reply.callNotFound() : reply.sendFile(file);
    }
    const isRoot = path === '/';
    // The root page is for anyone who does not ask for JSON (curl too); other paths only for browsers navigating.
    const wanted = isRoot ? !asksForJson(request) : acceptsHtml(request);
    if (SERVER_PATHS.test(path) || !wanted) return reply.callNotFound();
    if (!built) {
      return reply.code(isRoot ? 200 : 404).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    }
    // A page of the app: the router in the browser reads the path.
    return reply.header('Cache-Control', PAGE_CACHE).sendFile('index.html');
  });
}

/** A browser navigating asks for text/html; fetch() asks for JSON, curl for any type. */
function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function asksForJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('json') && !acceptsHtml(request);
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
