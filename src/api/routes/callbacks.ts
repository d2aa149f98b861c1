import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { acceptCallback } from '../../app/envelopes/callbacks.js';
import { buildProblem, sendProblem } from '../problems.js';

/**
 * Where providers call back. The URL carries the connection's secret token (no API key: providers
 * cannot send one); src/app/envelopes/callbacks.ts decides what the callback means.
 */
export const callbackRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
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
        },
      },
      async (request, reply) => {
        const accepted = await acceptCallback(context, request.params.connectionId, request.params.token, {
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: typeof request.body === 'string' ? request.body : '',
        });
        if (!accepted) return sendProblem(reply, buildProblem(request, 'not-found', 'Unknown callback address.'));
        return reply.code(204).send(null);
      },
    );
  };
