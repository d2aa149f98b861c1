import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../app/envelopes/history.js';

/**
 * The actor of a change a request asks for: the API, and who is asking (the signed-in person's email,
 * the API key's name), which the envelope's history line keeps. Not for a sync, whose lines are the
 * provider's news.
 */
export function actorOf(request: FastifyRequest): Actor {
  return { source: 'api', by: { kind: request.principal.kind, name: request.principal.name } };
}
