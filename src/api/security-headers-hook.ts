import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { onRequestHookHandler } from 'fastify';

type HelmetMiddleware = (request: unknown, response: Pick<ServerResponse, 'setHeader' | 'removeHeader'>, next: (error?: unknown) => void) => void;
/** One thing helmet does to a response: set a header (value) or remove one (value undefined). */
type HeaderChange = readonly [name: string, value: string | undefined];

/**
 * An onRequest hook that sets the security headers of `options` (src/net/security-headers.ts) on
 * every response, as `app.register(helmet, options)` does, by replaying a list worked out at start.
 * @fastify/helmet calls helmet(options) on every request, which parses the CSP directives and builds
 * its middleware anew each time (and adds a second hook that decorates the reply): a fifth of the
 * garbage a GET left, whose collection pauses set the API's p99. Without nonces or per-route helmet
 * settings, which this server has neither of, the headers are the same for every response.
 */
export function securityHeadersHook(options: FastifyHelmetOptions): onRequestHookHandler {
  const changes = helmetHeaderChanges(options);
  // A hook taking `done`, not an async one: no promise per request.
  return (_request, reply, done) => {
    const response = reply.raw;
    for (const [name, value] of changes) {
      if (value === undefined) response.removeHeader(name);
      else response.setHeader(name, value);
    }
    done();
  };
}

/** What helmet does to a response with these options, in its order, by running it once on a recorder. */
export function helmetHeaderChanges(options: FastifyHelmetOptions): HeaderChange[] {
  const { enableCSPNonces, global, ...helmetOptions } = options;
  if (enableCSPNonces || global === false) throw new Error('Fixed security headers cannot carry per-request nonces or apply to some routes only.');
  const changes: HeaderChange[] = [];
  const recorder = {
    setHeader(name: string, value: number | string | readonly string[]) {
      changes.push([name, String(value)]);
      return this as unknown as ServerResponse;
    },
    removeHeader(name: string) {
      changes.push([name, undefined]);
    },
  };
  helmetOfFastifyHelmet()(helmetOptions)({}, recorder, (error) => {
    if (error) throw error;
  });
  return changes;
}

/** helmet as @fastify/helmet requires it, so that the headers stay exactly the version it would set. */
function helmetOfFastifyHelmet(): (options: object) => HelmetMiddleware {
  const fromFastifyHelmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'));
  return fromFastifyHelmet('helmet') as (options: object) => HelmetMiddleware;
}
