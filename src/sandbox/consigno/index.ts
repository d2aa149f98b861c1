import multipart from '@fastify/multipart';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { OutboundPolicy } from '../../net/outbound-guard.js';
import { installBodyParsers } from '../body-parsers.js';
import { controlHook, type ControlGuard } from '../control-guard.js';
import { startSandboxServer, type RunningSandboxServer, type SandboxServerOptions } from '../server.js';
import { authenticate, authRoutes } from './auth.js';
import { createConsignoContext } from './context.js';
import { controlRoutes, createProgrammaticControl, type ConsignoSandboxControl } from './control.js';
import { documentRoutes } from './documents.js';
import { consignoErrorHandler, controlErrorHandler, malformedMultipart, refusals, sendError, sendProblem } from './errors.js';
import { installFaultHooks } from './faults.js';
import { signingPageRoutes } from './signing-pages.js';
import { expireDueWorkflows } from './workflow.js';
import { workflowRoutes } from './workflows.js';

export type { ConsignoSandboxControl } from './control.js';
export type { ControlGrant, ControlGuard } from '../control-guard.js';

/**
 * An offline emulator of the Notarius ConsignO Cloud API v1 (seed 002 and the reference facts),
 * written apart from the adapter so that the adapter is tested against something that can disagree
 * with it. See docs/sandbox-consigno.md for what is emulated and the readings chosen.
 */

export interface ConsignoSandboxOptions {
  /** Data folder: the sandbox keeps `<dataDir>/sandbox/consigno.sqlite`, its files, its JWT secret and its CA in `<dataDir>/sandbox/`. */
  dataDir: string;
  logger?: FastifyBaseLogger;
  /** The sandbox's clock (token idle time, expiry, dates); `POST /_sandbox/clock` moves it further. */
  now?: () => Date;
  /** Largest accepted document; 100 MB by default (413 `4013` above). */
  maxFileBytes?: number;
  /** Delays before the retries of a failed webhook delivery; default 250, 1000, 4000 ms. */
  callbackRetryDelaysMs?: number[];
  /** Where webhooks may be delivered (src/net/outbound-guard.ts); public https only by default. */
  outbound?: OutboundPolicy;
  /** Guards the control routes (`/_sandbox/…` but the signing pages). Without it they are open: a development sandbox only. */
  authorizeControl?: ControlGuard;
  /** Receives the in-process control (API users) once the plugin is registered. */
  onControl?: (control: ConsignoSandboxControl) => void;
}

/** What the sandbox reads as JSON; an empty body as none. */
const JSON_TYPES = ['application/json', 'text/json'];

/** Routes that check credentials themselves (login) or the token in their own way (HEAD, logout). */
const OWN_AUTH = new Set(['POST /auth/login', 'POST /auth', 'HEAD /auth', 'POST /auth/logout', 'DELETE /auth']);
/** Seed 002: "the auth token must be passed as a request parameter for this call". */
const TOKEN_AS_PARAMETER = new Set(['POST /workflows/:id/documents', 'POST /workflows/:id/audit']);

/** Collects the text fields of a multipart body (a download's form carrying the token). */
async function multipartFields(request: FastifyRequest): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: 0, files: 0 } })) {
      if (part.type === 'field') fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    throw malformedMultipart(error);
  }
  return fields;
}

/**
 * The sandbox as a Fastify plugin. Routes, relative to the mount prefix: `/api/v1/…` (the API),
 * `/_sandbox/sign/…` (signing pages, by their link) and the control routes `/_sandbox/…`.
 */
export const consignoSandbox: FastifyPluginAsync<ConsignoSandboxOptions> = async (app, options) => {
  if (!options.dataDir) throw new Error('consignoSandbox needs options.dataDir');
  const context = createConsignoContext({ ...options, logger: options.logger ?? app.log });
  context.prefix = app.prefix;
  // Expiry is checked on every read, and by this sweep so that webhooks go out without a read.
  const sweep = setInterval(() => {
    expireDueWorkflows(context).catch((error: unknown) => context.logger.warn({ err: error }, 'consigno sandbox: expiry sweep failed'));
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
  app.setErrorHandler(consignoErrorHandler);

  await app.register(
    async (api: FastifyInstance) => {
      installFaultHooks(api, context.faults, () => context.prefix);
      // After the body is parsed: the token may be a form field. The auth routes check their own.
      api.addHook('preHandler', async (request, reply) => {
        const route = `${request.method} ${(request.routeOptions.url ?? '').replace(/^.*\/api\/v1/, '')}`;
        if (OWN_AUTH.has(route)) return;
        const parameterOnly = TOKEN_AS_PARAMETER.has(route);
        if (parameterOnly && request.isMultipart()) request.body = await multipartFields(request);
        await authenticate(context, request, reply, parameterOnly);
      });
      api.setNotFoundHandler((request, reply) => sendError(reply, refusals.notFound(`No API route ${request.method} ${request.url.split('?')[0]}.`)));
      await api.register(authRoutes(context));
      await api.register(documentRoutes(context));
      await api.register(workflowRoutes(context));
    },
    { prefix: '/api/v1' },
  );

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
Object.defineProperty(consignoSandbox, 'name', { value: 'consigno-sandbox' });

/**
 * Runs the sandbox alone on its own HTTP server (API at `${url}/api/v1/`). `port: 0` picks a free
 * port. On loopback its control routes stay open unless `token` is given, which they then need as
 * `Authorization: Bearer <token>`; on any other interface it refuses to start without one.
 */
export async function startConsignoSandbox(options: ConsignoSandboxOptions & SandboxServerOptions): Promise<RunningSandboxServer> {
  return startSandboxServer(consignoSandbox, options, (message) => refusals.authentication(message));
}
