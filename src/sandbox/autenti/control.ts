import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createClient, parseCallbackUrl, parsePublicKeys } from './clients.js';
import type { SandboxContext } from './context.js';
import { problems } from './problems.js';

/**
 * Who may drive the sandbox. Its control routes (`/_sandbox/…` but the signing pages, the Integration
 * settings page, and in a guarded sandbox the authorization endpoint, which plays Autenti's login page)
 * act on every account's documents, so a sandbox that others can reach guards them (issue 7). The
 * participants' signing pages are not control routes: each is reached by its unguessable
 * per-invitation link alone, as a real invitation email would be.
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
 * control route. (Its API routes keep Autenti's own OAuth tokens.)
 */
export function bearerTokenGuard(token: string): ControlGuard {
  const expected = digest(token);
  return async (request) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (presented === undefined) {
      throw problems.unauthorized('This sandbox was started with --token: send it as `Authorization: Bearer <token>` to use its control routes.');
    }
    if (!timingSafeEqual(digest(presented), expected)) {
      throw problems.unauthorized('The bearer token is not the one this sandbox was started with (--token).');
    }
    return {};
  };
}

/**
 * The Integration settings operations for the program that mounts the sandbox, without HTTP: the
 * server provisions its built-in connection through this instead of calling its own control routes.
 */
export interface AutentiSandboxControl {
  /** Adds a client application (as the Integration settings page does); the secret is returned once. */
  createClient(input: { name: string; scopes?: string[] }): Promise<{ clientId: string; clientSecret: string }>;
  /** Registers the public JWK (or JWKS) that the client's JWT-bearer assertions are checked against. */
  setPublicKey(clientId: string, publicKey: unknown): Promise<void>;
  /** Sets (or with null removes) the URL the sandbox calls back on every event of the client's processes. */
  setCallbackUrl(clientId: string, url: string | null): Promise<void>;
}

export function createProgrammaticControl(context: SandboxContext): AutentiSandboxControl {
  const requireClient = (clientId: string) => {
    const client = context.store.getClient(clientId);
    if (!client) throw problems.notFound(`No client application ${clientId}.`);
    return client;
  };
  return {
    async createClient({ name, scopes }) {
      const { client, clientSecret } = createClient(context.store, { name, ...(scopes ? { scopes } : {}), now: context.now(), byAdministrator: true });
      return { clientId: client.clientId, clientSecret };
    },
    async setPublicKey(clientId, publicKey) {
      const client = requireClient(clientId);
      const parsed = await parsePublicKeys(publicKey);
      context.store.putClient({ ...client, publicKeys: parsed.keys, publicKeyFormat: parsed.format });
    },
    async setCallbackUrl(clientId, url) {
      context.store.putClient({ ...requireClient(clientId), callbackUrl: parseCallbackUrl(url, context.callbacks.checkUrl) });
    },
  };
}
