import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { AppContext } from '../../app/context.js';
import { PROBLEM_TYPES, type ProblemSlug, buildProblem, sendProblem } from '../problems.js';

/** Routes that need no API key: health for load balancers, and the problem type descriptions. */
export const systemRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.get(
      '/health',
      {
        schema: {
          summary: 'Health check',
          tags: ['System'],
          security: [],
          response: { 200: Type.Object({ status: Type.Literal('ok') }), 503: Type.Object({ status: Type.Literal('unavailable') }) },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(context.db);
          return { status: 'ok' as const };
        } catch {
          return reply.code(503).send({ status: 'unavailable' as const });
        }
      },
    );

    app.get(
      '/api/v1/problems/:slug',
      { schema: { hide: true, params: Type.Object({ slug: Type.String() }) } },
      async (request, reply) => {
        const slug = request.params.slug as ProblemSlug;
        const problemType = PROBLEM_TYPES[slug];
        if (!Object.hasOwn(PROBLEM_TYPES, slug) || !problemType) {
          return sendProblem(reply, buildProblem(request, 'not-found', `No problem type is called ${request.params.slug}.`));
        }
        return reply
          .type('text/html; charset=utf-8')
          .send(
            `<!doctype html><meta charset="utf-8"><title>${problemType.title}</title>` +
              `<h1>${problemType.title}</h1><p>HTTP ${problemType.status}</p><p>${escapeHtml(problemType.description)}</p>` +
              `<p><a href="/api/v1/docs">API reference</a></p>`,
          );
      },
    );

    app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]!);
}
