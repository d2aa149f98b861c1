import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The security headers of every response, HTML pages first: the web app, the API reference and the
 * sandboxes' pages: `app.register(helmet, securityHeaders(...))` at the root of a server. Kept here
 * (not in api/) so that the stand-alone sandbox serves the same ones.
 *
 * - Scripts only from this origin: neither the Vite build, Swagger UI (6.x loads its initializer as
 *   a file) nor the sandbox pages have inline script, so no nonce is needed and none is allowed.
 * - Inline styles are allowed: Mantine writes its CSS variables into a <style> element at run time,
 *   and the small server-rendered pages carry their CSS inline. Styles cannot run code.
 * - No framing at all (clickjacking), no referrer leaking a signing link, no MIME sniffing.
 * - HSTS and upgrade-insecure-requests only when the public URL is https: on a plain-http
 *   installation they would make browsers refuse it.
 */
export function securityHeaders(options: { https: boolean }): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        ...(options.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
}
