import multipart from '@fastify/multipart';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { OutboundPolicy } from '../../net/outbound-guard.js';
import { installBodyParsers } from '../body-parsers.js';
import { controlHook, type ControlGuard } from '../control-guard.js';
import { startSandboxServer, type RunningSandboxServer, type SandboxServerOptions } from '../server.js';
import { authenticate } from './api-users.js';
import { createConnectiveContext } from './context.js';
import { controlRoutes, createProgrammaticControl, type ConnectiveSandboxControl } from './control.js';
import { documentRoutes } from './documents.js';
import { connectiveErrorHandler, controlErrorHandler, refusals, sendError, sendProblem } from './errors.js';
import { installFaultHooks } from './faults.js';
import { instantRoutes } from './instant.js';
import { outputRoutes } from './outputs.js';
import { packageRoutes } from './packages.js';
import { processRoutes } from './process.js';
import { signingPageRoutes } from './signing-pages.js';
import { expireDuePackages } from './workflow.js';

export type { ConnectiveSandboxControl } from './control.js';
export type { ControlGrant, ControlGuard } from '../control-guard.js';

/**
 * An offline emulator of the Connective eSignatures API v3 (seed 001 and Connective's own connector
 * definition), written apart from the adapter so that the adapter is tested against something that can
 * disagree with it. See docs/sandbox-connective.md for what is emulated and the readings chosen.
 */

export interface ConnectiveSandboxOptions {
  /** Data folder: the sandbox keeps `<dataDir>/sandbox/connective.sqlite`, its files, and its CA in `<dataDir>/sandbox/ca`. */
  dataDir: string;
  logger?: FastifyBaseLogger;
  /** The sandbox's clock (timestamps, expiry, throttling); `POST /_sandbox/clock` moves it further. */
  now?: () => Date;
  /** Largest accepted document; 300 MB by default (413 above). */
  maxFileBytes?: number;
  /** Delays before the retries of a failed callback delivery; default 250, 1000, 4000 ms. */
  callbackRetryDelaysMs?: number[];
  /** Where callbacks may be delivered (src/net/outbound-guard.ts); public https only by default. */
  outbound?: OutboundPolicy;
  /** Guards the control routes (`/_sandbox/…` but the signing pages). Without it they are open: a development sandbox only. */
  authorizeControl?: ControlGuard;
  /** Receives the in-process control (API users) once the plugin is registered. */
  onControl?: (control: ConnectiveSandboxControl) => void;
}

/** What the sandbox reads as JSON, an empty body as none (DELETEs are sent with a JSON type and no body). */
const JSON_TYPES = ['application/json', 'text/json'];

/**
 * The sandbox as a Fastify plugin. Routes, relative to the mount prefix: `/webportalapi/v3/…` (the API,
 * and `/webportalapi/v3.1/packages/{id}/process`), `/_sandbox/sign/…` (signing pages, by their link)
 * and the control routes `/_sandbox/…`.
 */
export const connectiveSandbox: FastifyPluginAsync<ConnectiveSandboxOptions> = async (app, options) => {
  if (!options.dataDir) throw new Error('connectiveSandbox needs options.dataDir');
  const context = createConnectiveContext({ ...options, logger: options.logger ?? app.log });
  context.prefix = app.prefix;
  // Expiry is checked on every read, and by this sweep so that callbacks go out without a read.
  const sweep = setInterval(() => {
    try {
      expireDuePackages(context);
    } catch (error) {
      context.logger.warn({ err: error }, 'connective sandbox: expiry sweep failed');
    }
  }, 1000);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    await context.close();
  });
  options.onControl?.(createProgrammaticControl(context));
  const guard = controlHook(options.authorizeControl);

  installBodyParsers(app, { jsonTypes: JSON_TYPES, refuse: (message) => refusals.invalid(message) });
  if (!app.hasRequestDecorator('parts')) await app.register(multipart, { throwFileSizeLimit: true });
  app.setErrorHandler(connectiveErrorHandler);

  const api = async (scope: FastifyInstance, routes: (scope: FastifyInstance) => Promise<void>) => {
    installFaultHooks(scope, context.faults, () => context.prefix);
    scope.addHook('onRequest', async (request) => {
      context.throttle.take(authenticate(context.store, request));
    });
    scope.setNotFoundHandler((request, reply) => sendError(reply, refusals.notFound(`No API route ${request.method} ${request.url}.`)));
    await routes(scope);
  };
  await app.register(
    (scope) =>
      api(scope, async (routes) => {
        await routes.register(packageRoutes(context));
        await routes.register(documentRoutes(context));
        await routes.register(instantRoutes(context));
        await routes.register(processRoutes(context));
        await routes.register(outputRoutes(context));
      }),
    { prefix: '/webportalapi/v3' },
  );
  // The public client's v3.1 Set Process Information (same body reader; Locations[{Id}] and SigningTypes).
  await app.register((scope) => api(scope, async (routes) => routes.register(processRoutes(context))), { prefix: '/webportalapi/v3.1' });

  await app.register(
    async (sandbox) => {
      sandbox.setErrorHandler(controlErrorHandler);
      sandbox.setNotFoundHandler((request, reply) => sendProblem(reply, refusals.notFound(`No sandbox route ${request.method} ${request.url}.`)));
      await sandbox.register(signingPageRoutes(context));
      await sandbox.register(async (control) => {
        control.addHook('preValidation', guard);
        await control.register(controlRoutes(context));
      });
    },
    { prefix: '/_sandbox' },
  );
};

// Keep the plugin encapsulated (its parsers and error handler stay inside) while letting Fastify name it.
Object.defineProperty(connectiveSandbox, 'name', { value: 'connective-sandbox' });

/**
 * Runs the sandbox alone on its own HTTP server (API at `${url}/webportalapi/v3/`). `port: 0` picks a
 * free port. On loopback its control routes stay open unless `token` is given, which they then need as
 * `Authorization: Bearer <token>`; on any other interface it refuses to start without one.
 */
export async function startConnectiveSandbox(options: ConnectiveSandboxOptions & SandboxServerOptions): Promise<RunningSandboxServer> {
  return startSandboxServer(connectiveSandbox, options, (message) => refusals.authentication(message));
}
