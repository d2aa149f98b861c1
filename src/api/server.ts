import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { requireAuthentication } from './auth.js';
import { registerIdempotency } from './idempotency.js';
import { buildProblem, problemFromError, sendProblem } from './problems.js';
import { documentRoutes } from './routes/documents.js';
import { envelopeRoutes } from './routes/envelopes.js';
import { keyRoutes } from './routes/keys.js';
import { userRoutes } from './routes/users.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { visibilityRoutes } from './routes/visibility.js';
import { systemRoutes } from './routes/system.js';
import { callbackRoutes } from './routes/callbacks.js';
import { connectionRoutes } from './routes/connections.js';
import { lifecycleRoutes } from './routes/lifecycle.js';
import { sessionRoutes } from './routes/session.js';
import { autentiSandbox } from '../sandbox/autenti/index.js';
import { registerWebApp } from './web.js';

export interface ServerOptions {
  context: AppContext;
  /** Mount the offline provider sandboxes under /sandbox, with their state in this data folder. */
  sandboxes: { dataDir: string } | null;
  /** SHA-256 of COUNTERSIGN_API_KEY, when the operator set one. */
  environmentKeyHash: string | undefined;
  version: string;
}

export type CountersignServer = Awaited<ReturnType<typeof buildServer>>;

export async function buildServer({ context, environmentKeyHash, version, sandboxes }: ServerOptions) {
  const app = Fastify({
    loggerInstance: context.logger,
    // One log line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => `req_${randomBytes(8).toString('hex')}`,
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    ajv: {
      customOptions: {
        // Report every bad field at once, and refuse unknown fields instead of dropping them silently.
        allErrors: true,
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: loggableUrl(request.url), statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  app.setErrorHandler(async (error, request, reply) => {
    const problem = problemFromError(request, error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(
      reply,
      buildProblem(request, 'not-found', `There is no ${request.method} ${request.url.split('?')[0]}. The API reference is at /api/v1/docs.`),
    ),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Countersign API',
        version,
        description:
          'One envelope API in front of several e-signature providers. Every /api/v1 operation needs `Authorization: Bearer <api key>` (the web app uses its session cookie instead, with `X-CSRF-Token` on writes). Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (`csk_…`)' },
          session: { type: 'apiKey', in: 'cookie', name: 'countersign_session', description: 'The web app’s session; writes also need X-CSRF-Token' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    // Only the product's API: the sandboxes (untagged) emulate other vendors' APIs and document themselves.
    hideUntagged: true,
  });

  await app.register(async (public_) => {
    await public_.register(systemRoutes(context));
    await public_.register(swaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
    await public_.register(callbackRoutes(context));
    await public_.register(sessionRoutes(context));
  });

  if (sandboxes) {
    await app.register(autentiSandbox, { prefix: '/sandbox/autenti', dataDir: sandboxes.dataDir, logger: context.logger.child({ component: 'sandbox-autenti' }) });
  }

  await app.register(
    async (api) => {
      requireAuthentication(api, context, environmentKeyHash);
      registerIdempotency(api, context);
      await api.register(multipart, {
        limits: { files: 1, fields: 10, fileSize: context.limits.maxUploadBytes + 1024 },
        throwFileSizeLimit: false,
      });
      await api.register(documentRoutes(context));
      await api.register(envelopeRoutes(context));
      await api.register(keyRoutes(context));
      await api.register(connectionRoutes(context));
      await api.register(lifecycleRoutes(context));
      await api.register(userRoutes(context));
      await api.register(auditLogRoutes(context));
      await api.register(visibilityRoutes(context));
    },
    { prefix: '/api/v1' },
  );

  // The web app, built by `npm run build` into dist/web (the same place from src/ and from dist/).
  await app.register(async (web: FastifyInstance) => registerWebApp(web, { root: fileURLToPath(new URL('../../dist/web', import.meta.url)) }));

  return app;
}

/** The path without its query, and without the secret token of a callback address. */
export function loggableUrl(url: string): string {
  return url.split('?')[0]!.replace(/^(\/api\/v1\/callbacks\/[^/]+\/)[^/]+/, '$1[token]');
}
