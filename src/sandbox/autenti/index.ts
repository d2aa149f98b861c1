import type { AddressInfo } from 'node:net';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { requireAccountToken } from './access.js';
import { accountRoutes } from './accounts.js';
import { actionRoutes } from './actions.js';
import { clientApiRoutes, clientSandboxRoutes } from './clients.js';
import { createSandboxContext } from './context.js';
import { bearerTokenGuard, controlHook, createProgrammaticControl, type AutentiSandboxControl, type ControlGuard } from './control.js';
import { faultRoutes, installFaultHooks } from './faults.js';
import { fileRoutes } from './files.js';
import { integrationPageRoutes } from './integration-page.js';
import { oauthRoutes } from './oauth.js';
import { participantControlRoutes, signingPageRoutes } from './participants-pages.js';
import { partyRoutes } from './party-routes.js';
import { problemErrorHandler, problems, sendProblem } from './problems.js';
import { processRoutes } from './processes.js';
import { subscriptionRoutes } from './subscriptions.js';
import { tagRoutes } from './tags.js';
import { setAuth } from './tokens.js';
import { LOOPBACK_ALLOWED, type OutboundPolicy } from '../../net/outbound-guard.js';
import { isLoopbackHost } from '../../net/loopback.js';
import { securityHeaders } from '../../net/security-headers.js';

export type { AutentiSandboxControl, ControlGrant, ControlGuard } from './control.js';

/**
 * An offline emulator of the Autenti API v2 (seed 003), written from the provider's documentation and
 * apart from the adapter, so that the adapter is tested against something that can disagree with it.
 * See docs/sandbox-autenti.md for what is emulated and the readings chosen where the seed is unclear.
 */

export interface AutentiSandboxOptions {
  /** Data folder: the sandbox keeps `<dataDir>/sandbox/autenti.sqlite`, its files, and its CA in `<dataDir>/sandbox/ca`. */
  dataDir: string;
  logger?: FastifyBaseLogger;
  /** `expires_in` of access tokens; 1770 like the seed's example. */
  tokenLifetimeSeconds?: number;
  /** The sandbox's clock (token expiry, timestamps); tests move it. */
  now?: () => Date;
  /** Largest accepted upload; 25 MB by default (413 above). */
  maxFileBytes?: number;
  /** Delays before the 3 retries of a failed callback delivery; default 250, 1000, 4000 ms. */
  callbackRetryDelaysMs?: number[];
  /**
   * Where callbacks may be delivered (src/net/outbound-guard.ts). Public https only by default; the
   * main server adds its own origin, `startAutentiSandbox` on a loopback address adds loopback.
   */
  outbound?: OutboundPolicy;
  /**
   * Guards the control routes (`/_sandbox/…` but the signing pages, `/integration-settings`,
   * `/api/v2/auth/authorization`) and makes the sandbox a guarded one (see oauth.ts, accounts.ts).
   * Without it they are open: only for a development sandbox that nobody else can reach.
   */
  authorizeControl?: ControlGuard;
  /** Receives the Integration settings operations without HTTP, once the plugin is registered. */
  onControl?: (control: AutentiSandboxControl) => void;
}

const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/stream+json', 'application/problem+json'];

/** Body parsers of the sandbox's own scope: JSON that may be empty (the seed POSTs actions with no body), forms, anything else raw. */
function installBodyParsers(app: FastifyInstance): void {
  const replace = (type: string) => {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  };
  for (const type of JSON_TYPES) replace(type);
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(problems.badRequest(`The body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
  replace('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  replace('*');
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

/**
 * The sandbox as a Fastify plugin. Routes, relative to the mount prefix: `/api/v2/…` (the API),
 * `/_sandbox/sign/…` (signing pages, by their per-invitation link), the control routes `/_sandbox/…`
 * (mailbox, clients, accounts, faults, call log, party actions) and `/integration-settings` (HTML).
 */
export const autentiSandbox: FastifyPluginAsync<AutentiSandboxOptions> = async (app, options) => {
  if (!options.dataDir) throw new Error('autentiSandbox needs options.dataDir');
  const context = createSandboxContext({ ...options, logger: options.logger ?? app.log });
  context.prefix = app.prefix;
  app.addHook('onClose', async () => context.close());
  options.onControl?.(createProgrammaticControl(context));
  const guard = controlHook(options.authorizeControl);

  installBodyParsers(app);
  if (!app.hasRequestDecorator('parts')) await app.register(multipart, { throwFileSizeLimit: true });
  app.setErrorHandler(problemErrorHandler);

  await app.register(
    async (api) => {
      installFaultHooks(api, context.faults, () => context.prefix);
      api.setNotFoundHandler((request, reply) => sendProblem(reply, problems.notFound(`No API route ${request.method} ${request.url}.`)));
      await api.register(
        oauthRoutes({ store: context.store, tokens: context.tokens, now: context.now, ...(options.authorizeControl ? { authorizeControl: options.authorizeControl } : {}) }),
      );
      await api.register(async (secured) => {
        secured.addHook('onRequest', async (request) => setAuth(request, await context.tokens.authenticate(request)));
        await secured.register(clientApiRoutes(context.store, context.now));
        await secured.register(async (account) => {
          account.addHook('preHandler', requireAccountToken);
          await account.register(processRoutes(context));
          await account.register(fileRoutes(context));
          await account.register(tagRoutes(context));
          await account.register(actionRoutes(context));
          await account.register(partyRoutes(context));
          await account.register(subscriptionRoutes(context));
        });
      });
    },
    { prefix: '/api/v2' },
  );

  await app.register(
    async (sandbox) => {
      await sandbox.register(signingPageRoutes(context));
      await sandbox.register(async (control) => {
        // preValidation: after the body is parsed, so that an HTML form can carry its CSRF token.
        control.addHook('preValidation', guard);
        await control.register(clientSandboxRoutes(context.store, context.now, context.callbacks.checkUrl));
        await control.register(accountRoutes(context.store, context.now));
        await control.register(faultRoutes(context.faults));
        await control.register(participantControlRoutes(context));
      });
    },
    { prefix: '/_sandbox' },
  );
  await app.register(async (settings) => {
    settings.addHook('preValidation', guard);
    await settings.register(integrationPageRoutes(context));
  });
};

// Keep the plugin encapsulated (its parsers and error handler stay inside) while letting Fastify name it.
Object.defineProperty(autentiSandbox, 'name', { value: 'autenti-sandbox' });

/**
 * Runs the sandbox alone on its own HTTP server (API at `${url}/api/v2/`). `port: 0` picks a free port.
 * On loopback its control routes stay open (a development tool, and benchmarks) unless `token` is
 * given, which they then need as `Authorization: Bearer <token>`; on any other interface it refuses to
 * start without one.
 */
export async function startAutentiSandbox(
  options: AutentiSandboxOptions & { host?: string; port?: number; token?: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  if (!options.token && !options.authorizeControl && !isLoopbackHost(host)) {
    throw new Error(
      `The sandbox would listen on ${host}, reachable from other machines, with its control routes open to anyone. Listen on 127.0.0.1, or give a token (--token) that callers send as Authorization: Bearer <token>.`,
    );
  }
  // Listening on loopback only, the sandbox is a tool of this machine: its callbacks may reach programs here.
  const outbound = options.outbound ?? (isLoopbackHost(host) ? { allow: LOOPBACK_ALLOWED } : undefined);
  const authorizeControl = options.authorizeControl ?? (options.token ? bearerTokenGuard(options.token) : undefined);
  const app = options.logger
    ? Fastify({ loggerInstance: options.logger, forceCloseConnections: true })
    : Fastify({ logger: false, forceCloseConnections: true });
  // The same headers as the sandbox gets when mounted in Countersign; a sandbox is plain http.
  await app.register(helmet, securityHeaders({ https: false }));
  await app.register(autentiSandbox, { ...options, ...(outbound ? { outbound } : {}), ...(authorizeControl ? { authorizeControl } : {}) });
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${reachable}:${address.port}`, close: () => app.close() };
}
