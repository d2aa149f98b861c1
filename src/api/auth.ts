import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type Principal } from '../app/api-keys.js';
import type { AppContext } from '../app/context.js';
import { buildProblem, sendProblem } from './problems.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

/**
 * Every route registered inside the scope this is added to requires `Authorization: Bearer <key>`.
 * A refusal is a 401 problem that says which of the two things went wrong (missing, or not valid).
 */
export function requireApiKey(app: FastifyInstance, context: AppContext, environmentKeyHash: string | undefined): void {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request, reply) => {
    const secret = bearerSecret(request);
    if (secret === undefined) {
      reply.header('WWW-Authenticate', 'Bearer realm="countersign"');
      return sendProblem(
        reply,
        buildProblem(request, 'unauthorized', 'This API needs an API key. Send it as the header `Authorization: Bearer <key>`.'),
      );
    }
    const principal = await authenticate(context, secret, environmentKeyHash);
    if (!principal) {
      reply.header('WWW-Authenticate', 'Bearer realm="countersign", error="invalid_token"');
      return sendProblem(
        reply,
        buildProblem(request, 'unauthorized', 'The API key is not valid or has been revoked. Check COUNTERSIGN_API_KEY, or create a new key.'),
      );
    }
    request.principal = principal;
  });
}

function bearerSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
