import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { NoContent, problemResponses } from './responses.js';
import { acceptCallback } from '../../app/envelopes/callbacks.js';
import { buildProblem, sendProblem } from '../problems.js';
import { TokenBuckets } from '../token-bucket.js';

/** A burst of 60 callbacks per connection, then one a second (the problem type 'too-many-callbacks' says so). */
const CALLBACK_BURST = 60;
const CALLBACK_PER_SECOND = 1;

/**
 * Where providers call back. The URL carries the connection's secret token (no API key: providers
 * cannot send one); src/app/envelopes/callbacks.ts decides what the callback means.
 */
export const callbackRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    // Per connection, counted only for genuine callback addresses (the token matched), so strangers
    // cannot use up a connection's allowance. A provider's normal traffic is far below it.
    const limits = new TokenBuckets(CALLBACK_BURST, CALLBACK_PER_SECOND, () => context.now().getTime());
    // Keep the raw body: a provider's signature (if any) is over the exact bytes.
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    app.post(
      '/api/v1/callbacks/:connectionId/:token',
      {
        schema: {
          summary: 'Provider callbacks (called by the provider, not by you)',
          tags: ['Callbacks'],
          security: [],
          params: Type.Object({ connectionId: Type.String({ maxLength: 40 }), token: Type.String({ maxLength: 100 }) }),
          response: { 204: NoContent, ...problemResponses(404, 429) },
        },
      },
      async (request, reply) => {
        const outcome = await acceptCallback(
          context,
          request.params.connectionId,
          request.params.token,
          { method: request.method, url: request.url, headers: request.headers, body: typeof request.body === 'string' ? request.body : '' },
          (connectionId) => limits.take(connectionId),
        );
        if (outcome.kind === 'unknown') return sendProblem(reply, buildProblem(request, 'not-found', 'Unknown callback address.'));
        if (outcome.kind === 'throttled') {
          reply.header('Retry-After', String(outcome.retryAfterSeconds));
          return sendProblem(
            reply,
            buildProblem(request, 'too-many-callbacks', `This connection sent too many callbacks; call again in ${outcome.retryAfterSeconds} s.`),
          );
        }
        return reply.code(204).send(null);
      },
    );
  };
