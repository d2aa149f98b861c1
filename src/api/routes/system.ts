import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { databaseAnswers, readinessChecks } from '../../app/health.js';
import { PROBLEM_TYPES, type ProblemSlug, buildProblem, sendProblem } from '../problems.js';
import { escapeHtml } from '../../net/html.js';

/** What readiness needs to know that the database cannot tell: whether this instance works its jobs. */
export interface Readiness {
  /** True from the queue's start until the server begins to stop. */
  queueRunning(): boolean;
}

const Check = Type.String({ description: '`ok`, or what is wrong' });

/** Routes that need no API key: health for load balancers, and the problem type descriptions. */
export const systemRoutes = (context: AppContext, readiness: Readiness): FastifyPluginAsyncTypebox =>
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
      async (_request, reply) =>
        (await databaseAnswers(context)) ? { status: 'ok' as const } : reply.code(503).send({ status: 'unavailable' as const }),
    );

    app.get(
      '/health/ready',
      {
        schema: {
          summary: 'Readiness check',
          description:
            'Whether this instance should get traffic: the database answers, its schema is as new as this build (no pending migration) and the job queue runs. 503 while starting, stopping or cut off from the database.',
          tags: ['System'],
          security: [],
          response: {
            200: Type.Object({ status: Type.Literal('ready'), checks: Type.Object({ database: Check, migrations: Check, queue: Check }) }),
            503: Type.Object({ status: Type.Literal('unavailable'), checks: Type.Object({ database: Check, migrations: Check, queue: Check }) }),
          },
        },
      },
      async (_request, reply) => {
        const { ready, checks } = await readinessChecks(context, readiness.queueRunning());
        return reply.code(ready ? 200 : 503).send({ status: ready ? ('ready' as const) : ('unavailable' as const), checks });
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

