import { fileURLToPath } from 'node:url';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { requireAuthentication } from './auth.js';
import { registerIdempotency } from './idempotency.js';
import { storageTroubleOf } from '../app/health.js';
import { buildProblem, problemFromError, problemTypeUri, sendProblem } from './problems.js';
import { answerClientError, answerFrameworkError, newRequestId } from './edge-errors.js';
import { documentRoutes, type UploadLimits } from './routes/documents.js';
import { envelopeRoutes } from './routes/envelopes.js';
import { templateRoutes } from './routes/templates.js';
import { keyRoutes } from './routes/keys.js';
import { userRoutes } from './routes/users.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { eventRoutes } from './routes/events.js';
import { webhookRoutes } from './routes/webhooks.js';
import { visibilityRoutes } from './routes/visibility.js';
import { systemRoutes, type Readiness } from './routes/system.js';
import { callbackRoutes } from './routes/callbacks.js';
import { signingReturnRoutes } from './routes/signing-return.js';
import { connectionRoutes } from './routes/connections.js';
import { artifactRoutes } from './routes/artifacts.js';
import { lifecycleRoutes } from './routes/lifecycle.js';
import { sessionRoutes } from './routes/session.js';
import type { ProviderId } from '../providers/ids.js';
import { sandboxControlGuard } from './sandbox-control.js';
import { registerWebApp } from './web.js';
import { lazyCompilers } from './lazy-compilers.js';
import { securityHeaders } from '../net/security-headers.js';
import { securityHeadersHook } from './security-headers-hook.js';
import { refuseNulCharacters } from './nul-characters.js';

/** The body of every multipart route (the document upload): one part, `file`. */
const MULTIPART_FILE_BODY = {
  type: 'object',
  properties: { file: { type: 'string', format: 'binary', description: 'The file; its type is detected from the content.' } },
  required: ['file'],
};

export interface ServerOptions {
  context: AppContext;
  /**
   * Mount the offline sandbox of every provider that has one (its descriptor's `sandbox`), with their
   * state in this data folder; their control routes accept what /api/v1 accepts. `onControl` receives
   * each sandbox's in-process control, for provisioning the built-in connections (app/sandbox-connection.ts).
   */
  sandboxes: { dataDir: string; onControl?: (provider: ProviderId, control: unknown) => void } | null;
  /** SHA-256 of COUNTERSIGN_API_KEY, when the operator set one. */
  environmentKeyHash: string | undefined;
  version: string;
  /** Time limits and caps at the HTTP edge. */
  edge: EdgeOptions;
  /** The one-time code that creating the owner account needs (a server reachable beyond loopback, no account yet). */
  setupCode?: string;
  /** What `GET /health/ready` reports beside the database (routes/system.ts). */
  readiness: Readiness;
  /** The schema compilers; lazyCompilers() unless a test compiles every schema at once (lazy-compilers.test.ts). */
  compilers?: ReturnType<typeof lazyCompilers>;
}

export interface EdgeOptions extends UploadLimits {
  /** A request (headers and body) not received whole in this time is cut with a 408 problem. */
  requestTimeoutMs: number;
  /** The public URL is https: browsers get HSTS and upgrade-insecure-requests. */
  https: boolean;
}

export type CountersignServer = Awaited<ReturnType<typeof buildServer>>;

/**
 * How requests are checked against their schemas, over @fastify/ajv-compiler's defaults; the web
 * app's generated validators use the same (scripts/request-validators.ts).
 */
export const REQUEST_AJV_OPTIONS = {
  // Report every bad field at once, and refuse unknown fields instead of dropping them silently.
  allErrors: true,
  removeAdditional: false,
  coerceTypes: 'array',
  useDefaults: true,
  // Connection bodies are one object per provider, told apart by `provider` (src/api/provider-schemas.ts).
  discriminator: true,
} as const;

export async function buildServer({ context, environmentKeyHash, version, sandboxes, edge, setupCode, readiness, compilers = lazyCompilers() }: ServerOptions) {
  const app = Fastify({
    loggerInstance: context.logger,
    // One log line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: newRequestId,
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    requestTimeout: edge.requestTimeoutMs,
    // A missing Host is refused in onRequest below, as problem+json.
    http: { requireHostHeader: false },
    // Errors met before routing (bad URL escape, overlong path segment) and by Node's HTTP parser are
    // answered as problem+json too (src/api/edge-errors.ts).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Each route's schemas are compiled at its first request, not all at start (src/api/lazy-compilers.ts).
    schemaController: { compilersFactory: compilers },
    ajv: { customOptions: REQUEST_AJV_OPTIONS },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    // Node would refuse this itself, with a bare 400 and no body (requireHostHeader: false above).
    if (request.raw.httpVersion === '1.1' && !request.headers.host) {
      reply.header('Connection', 'close');
      return sendProblem(reply, buildProblem(request, 'invalid-request', 'An HTTP/1.1 request needs a Host header.'));
    }
  });
  app.addHook('onRequest', securityHeadersHook(securityHeaders({ https: edge.https })));
  // A hook taking `done` (no promise per request) that builds the line only when it will be written
  // (request.log is a child of context.logger, at its level: no route sets its own).
  const logRequests = context.logger.isLevelEnabled('info');
  app.addHook('onResponse', (request, reply, done) => {
    if (logRequests) {
      request.log.info(
        { method: request.method, url: loggableUrl(request.url), statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request',
      );
    }
    done();
  });

  app.setErrorHandler(async (error, request, reply) => {
    const problem = problemFromError(request, error);
    // Storage trouble (disk full, database busy or unreachable) is the machine's state: the client is
    // told when to come back, and the process goes on serving what it can.
    // (Only for that problem: a provider's refusal may carry a lost connection as its cause too.)
    const trouble = problem.type === problemTypeUri('storage-unavailable') ? storageTroubleOf(error) : undefined;
    if (trouble) reply.header('Retry-After', String(trouble.retryAfterSeconds));
    if (problem.status >= 500) request.log.error({ err: error, storage: trouble?.kind }, 'request failed');
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
    // An upload's body is read as a stream (@fastify/multipart), so its route declares no body schema
    // for Fastify to validate; the document still describes it, and clients are typed by it.
    transform: ({ schema, url }) => (schema?.consumes?.includes('multipart/form-data') ? { schema: { ...schema, body: MULTIPART_FILE_BODY }, url } : { schema, url }),
  });

  // Countersign's own routes refuse U+0000 in what they read; the sandboxes answer as their providers do.
  await app.register(async (public_) => {
    refuseNulCharacters(public_);
    await public_.register(systemRoutes(context, readiness));
    await public_.register(swaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
    await public_.register(callbackRoutes(context));
    await public_.register(signingReturnRoutes(context));
    await public_.register(sessionRoutes(context, { setupCode }));
  });

  if (sandboxes) {
    for (const descriptor of context.providers) {
      const sandbox = descriptor.sandbox;
      if (!sandbox) continue;
      const onControl = sandboxes.onControl;
      await app.register(await sandbox.plugin(), {
        prefix: sandbox.mountPath,
        dataDir: sandboxes.dataDir,
        logger: context.logger.child({ component: `sandbox-${descriptor.id}` }),
        // Its callbacks may reach this server itself (the built-in sandbox connection's callback URL), and
        // what the operator opened; nothing else private.
        outbound: { ...context.outbound, trustedOrigins: () => [context.selfUrl()] },
        authorizeControl: sandboxControlGuard(context, environmentKeyHash),
        ...(onControl ? { onControl: (control: unknown) => onControl(descriptor.id, control) } : {}),
      });
    }
  }

  await app.register(
    async (api) => {
      requireAuthentication(api, context, environmentKeyHash);
      refuseNulCharacters(api);
      registerIdempotency(api, context);
      await api.register(documentRoutes(context, edge));
      await api.register(envelopeRoutes(context));
      await api.register(templateRoutes(context));
      await api.register(keyRoutes(context));
      await api.register(connectionRoutes(context));
      await api.register(lifecycleRoutes(context));
      await api.register(artifactRoutes(context));
      await api.register(userRoutes(context));
      await api.register(auditLogRoutes(context));
      await api.register(eventRoutes(context));
      await api.register(webhookRoutes(context));
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
