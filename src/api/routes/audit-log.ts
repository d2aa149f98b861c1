import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listAuditLog } from '../../app/audit.js';
import type { AppContext } from '../../app/context.js';
import { AuditEntrySchema, pageOf, PageQuerySchema } from '../schemas.js';
import { problemResponses } from './responses.js';

export const auditLogRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.get(
      '/audit-log',
      {
        schema: {
          summary: 'The audit log, newest first',
          description:
            'Who created, changed, rotated or deleted connections, API keys and users, and who sent, withdrew or deleted which envelope. Append-only. Cursor pagination as elsewhere.',
          tags: ['Audit log'],
          querystring: PageQuerySchema,
          response: { 200: pageOf(AuditEntrySchema), ...problemResponses(400, 401) },
        },
      },
      async (request) => listAuditLog(context, { limit: request.query.limit ?? 25, cursor: request.query.cursor }),
    );
  };
