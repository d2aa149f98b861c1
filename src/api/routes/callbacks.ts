import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callbackTokenMatches, loadConnection, providerFor } from '../../app/connections.js';
import type { AppContext } from '../../app/context.js';
import { SYNC_ENVELOPE_JOB } from '../../app/envelopes/sync.js';
import { NotFoundError } from '../../domain/errors.js';
import { buildProblem, sendProblem } from '../problems.js';

/**
 * Where providers call back. The URL carries the connection's secret token (no API key: providers
 * cannot send one). A callback only says *which* envelope changed: a sync job then fetches it from
 * the provider, so the body is never trusted as a status (DESIGN.md "Sync").
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
        const refuse = () => sendProblem(reply, buildProblem(request, 'not-found', 'Unknown callback address.'));
        const connection = await loadConnection(context, request.params.connectionId).catch((error: unknown) => {
          if (error instanceof NotFoundError) return undefined;
          throw error;
        });
        if (!connection || !callbackTokenMatches(context, connection, request.params.token)) return refuse();

        const target = await providerFor(context, connection).parseCallback({
          method: request.method,
          url: request.url,
          headers: request.headers,
          body: typeof request.body === 'string' ? request.body : '',
        });
        if (target) {
          const row =
            'reference' in target
              ? await context.db
                  .selectFrom('envelopes')
                  .select('id')
                  .where('connection_id', '=', connection.id)
                  .where('provider_reference', '=', target.reference)
                  .executeTakeFirst()
              : { id: target.envelopeId };
          if (row) await context.queue.enqueue(SYNC_ENVELOPE_JOB, { envelopeId: row.id, source: 'callback' }, { singletonKey: row.id });
        }
        return reply.code(204).send(null);
      },
    );
  };
