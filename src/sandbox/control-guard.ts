import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Who may drive a provider sandbox (shared by the sandboxes). Their control routes act on every
 * account's documents, so a sandbox that others can reach guards them (issue 7). The participants'
 * signing pages are not control routes: each is reached by its unguessable link alone, as a real
 * invitation email would be.
 */

/** What a guard learned about the caller that the pages need: the CSRF token to put in HTML forms. */
export interface ControlGrant {
  /** Set when the caller is a browser session whose writes need this token (the page posts it as `csrfToken`). */
  csrfToken?: string;
}

/**
 * Decides whether `request` may use a control route: resolves to a grant to let it through; refuses by
 * throwing a problem, or by sending the refusal on `reply` and resolving to `null`. It runs before
 * validation, after the body is parsed, so that an HTML form can carry a CSRF token as `csrfToken`.
 */
export type ControlGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<ControlGrant | null>;

const grants = new WeakMap<FastifyRequest, ControlGrant>();

/** The hook that puts a guard in front of a scope's routes; with no guard the routes stay open (a dev sandbox). */
export function controlHook(guard: ControlGuard | undefined) {
  return async function sandboxControlGuard(request: FastifyRequest, reply: FastifyReply) {
    if (!guard) return undefined;
    const grant = await guard(request, reply);
    // Returning the reply makes Fastify wait for the refusal to be written and run no handler.
    if (grant === null) return reply;
    grants.set(request, grant);
    return undefined;
  };
}

/** The grant of a guarded request (empty when the sandbox is open). */
export function grantOf(request: FastifyRequest): ControlGrant {
  return grants.get(request) ?? {};
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The guard of a standalone sandbox started with `--token`: `Authorization: Bearer <token>` on every
 * control route. `refuse` builds the sandbox's own 401 (each answers in its provider's error shape).
 */
export function bearerTokenGuard(token: string, refuse: (message: string) => Error): ControlGuard {
  const expected = digest(token);
  return async (request) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (presented === undefined) {
      throw refuse('This sandbox was started with --token: send it as `Authorization: Bearer <token>` to use its control routes.');
    }
    if (!timingSafeEqual(digest(presented), expected)) {
      throw refuse('The bearer token is not the one this sandbox was started with (--token).');
    }
    return {};
  };
}
