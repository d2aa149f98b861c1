import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.js';
import { FEED_DEFAULT_LIMIT, listFeedEvents } from '../../app/events/feed.js';
import { viewerOf } from '../../app/principal.js';
import { EventFeedPageSchema, EventFeedQuerySchema } from '../schemas.js';
import { problemResponses } from './responses.js';

export const eventRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.get(
      '/events',
      {
        schema: {
          summary: 'The events feed, oldest first',
          description:
            'Every change a host application hears about (envelope.*, participant.*, artifact.archived, connection.*), immutable, in the order the changes committed; an event is recorded in the transaction of its change, so none is ever lost or invented. Poll with `after` = the `nextCursor` of the previous answer; `hasMore` says whether to ask again at once. Kept for COUNTERSIGN_EVENT_RETENTION_DAYS (30). Members and viewers see the events of the envelopes they may see; admins and owners every event, connection events included. See docs/webhooks.md.',
          tags: ['Events'],
          querystring: EventFeedQuerySchema,
          response: { 200: EventFeedPageSchema, ...problemResponses(400, 401) },
        },
      },
      async (request) => listFeedEvents(context, { ...request.query, limit: request.query.limit ?? FEED_DEFAULT_LIMIT, viewer: viewerOf(request.principal) }),
    );
  };
