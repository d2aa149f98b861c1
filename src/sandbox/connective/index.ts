import type { AddressInfo } from 'node:net';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { LOOPBACK_ALLOWED, type OutboundPolicy } from '../../net/outbound-guard.js';
import { isLoopbackHost } from '../../net/loopback.js';
import { securityHeaders } from '../../net/security-headers.js';
import { bearerTokenGuard, controlHook, type ControlGuard } from '../control-guard.js';
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

const JSON_TYPES = ['application/json', 'text/json'];

/** Body parsers of the sandbox's scope: JSON that may be empty (DELETEs are sent with a JSON type and no body), forms, anything else raw. */
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
      done(refusals.invalid(`The body is not valid JSON: ${(error as Error).message}`), undefined);
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

  installBodyParsers(app);
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
export async function startConnectiveSandbox(
  options: ConnectiveSandboxOptions & { host?: string; port?: number; token?: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  if (!options.token && !options.authorizeControl && !isLoopbackHost(host)) {
    throw new Error(
      `The sandbox would listen on ${host}, reachable from other machines, with its control routes open to anyone. Listen on 127.0.0.1, or give a token (--token) that callers send as Authorization: Bearer <token>.`,
    );
  }
  // Listening on loopback only, the sandbox is a tool of this machine: its callbacks may reach programs here.
  const outbound = options.outbound ?? (isLoopbackHost(host) ? { allow: LOOPBACK_ALLOWED } : undefined);
  const authorizeControl = options.authorizeControl ?? (options.token ? bearerTokenGuard(options.token, (message) => refusals.authentication(message)) : undefined);
  const app = options.logger
    ? Fastify({ loggerInstance: options.logger, forceCloseConnections: true })
    : Fastify({ logger: false, forceCloseConnections: true });
  await app.register(helmet, securityHeaders({ https: false }));
  await app.register(connectiveSandbox, { ...options, ...(outbound ? { outbound } : {}), ...(authorizeControl ? { authorizeControl } : {}) });
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${reachable}:${address.port}`, close: () => app.close() };
}
