import multipart from '@fastify/multipart';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import { installBodyParsers } from '../body-parsers.js';
import { startSandboxServer, type RunningSandboxServer, type SandboxServerOptions } from '../server.js';
import { requireAccountToken } from './access.js';
import { accountRoutes } from './accounts.js';
import { actionRoutes } from './actions.js';
import { clientApiRoutes, clientSandboxRoutes } from './clients.js';
import { createSandboxContext } from './context.js';
import { controlHook, createProgrammaticControl, type AutentiSandboxControl, type ControlGuard } from './control.js';
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
import type { OutboundPolicy } from '../../net/outbound-guard.js';

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

/** What the sandbox reads as JSON, an empty body as none (the seed POSTs actions with no body). */
const JSON_TYPES = ['application/json', 'application/merge-patch+json', 'application/stream+json', 'application/problem+json'];

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

  installBodyParsers(app, { jsonTypes: JSON_TYPES, refuse: (message) => problems.badRequest(message) });
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
export async function startAutentiSandbox(options: AutentiSandboxOptions & SandboxServerOptions): Promise<RunningSandboxServer> {
  // A wrong --token is refused in Autenti's problem shape; the API routes keep Autenti's own OAuth tokens.
  return startSandboxServer(autentiSandbox, options, (message) => problems.unauthorized(message));
}
