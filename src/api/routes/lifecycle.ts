import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { startEnvelopeAction } from '../../app/envelopes/actions.js';
import { retryArchive } from '../../app/envelopes/archive.js';
import { decideSend } from '../../app/envelopes/send-decision.js';
import { getEnvelope } from '../../app/envelopes/envelopes.js';
import { requestSend } from '../../app/envelopes/sending.js';
import { startSyncAll, syncEnvelope } from '../../app/envelopes/sync.js';
import { viewerOf } from '../../app/principal.js';
import { getJob } from '../../app/job-views.js';
import { EnvelopeSchema, ExtendExpirySchema, IdParams, JobSchema, SendDecisionSchema, WithdrawSchema } from '../schemas.js';
import { actorOf } from './actor.js';
import { problemResponses } from './responses.js';
import { actionRequestOf } from '../auth.js';

const EnvelopeParams = IdParams('envelopeId', 'env');
/** A sync's history lines are the provider's news: nobody's doing. */
const api = { source: 'api' } as const;

/** Sending an envelope and following it at the provider. */
export const lifecycleRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.post(
      '/envelopes/:envelopeId/send',
      {
        config: { idempotent: { status: 202, answer: (id) => getEnvelope(context, id) } },
        schema: {
          summary: 'Send an envelope for signature',
          description:
            'Accepted (202) with status `sending`; a job creates it at the provider and sends it, then `sent`. A provider refusal makes it `failed` with the reason in `statusReason`; correct it and send again. Honours `Idempotency-Key`.',
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          response: { 202: EnvelopeSchema, ...problemResponses(401, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.code(202).send(await requestSend(context, request.params.envelopeId, actorOf(request), actionRequestOf(request))),
    );

    app.post(
      '/envelopes/:envelopeId/send-decision',
      {
        schema: {
          summary: 'Decide a send whose outcome is unknown: resend, or mark it sent',
          description:
            'Only for a `failed` envelope whose `sendDecision.needed` is true: the send broke off where the provider may or may not have created the envelope (ConsignO Cloud has no listing to look it up). `{"decision":"resend"}` forgets the last attempt and sends again (202, status `sending`), so check at the provider first that it has no such envelope, or delete it there. `{"decision":"mark-sent","providerReference":"<id>"}` fetches that id from the provider to check it exists (422 if not), records the envelope as `sent` under it and applies its statuses (200). The same decision repeated answers the envelope as it left it; any other state is 409.',
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          body: SendDecisionSchema,
          response: { 200: EnvelopeSchema, 202: EnvelopeSchema, ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const outcome = await decideSend(context, request.params.envelopeId, request.body, actorOf(request), actionRequestOf(request));
        return reply.code(outcome.result === 'sending' ? 202 : 200).send(outcome.envelope);
      },
    );

    app.post(
      '/envelopes/:envelopeId/sync',
      {
        schema: {
          summary: 'Fetch this envelope’s state from its provider now',
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          response: { 200: EnvelopeSchema, ...problemResponses(401, 404, 409) },
        },
      },
      async (request) => syncEnvelope(context, request.params.envelopeId, api),
    );

    app.post(
      '/envelopes/sync',
      {
        schema: {
          summary: 'Sync every envelope at a provider (a job)',
          description: 'Returns the job; follow its `progress` at GET /api/v1/jobs/{jobId}. A sync already under way is returned instead of starting another.',
          tags: ['Envelope lifecycle'],
          response: { 202: JobSchema, ...problemResponses(401) },
        },
      },
      async (_request, reply) => reply.code(202).send(await startSyncAll(context)),
    );

    app.get(
      '/jobs/:jobId',
      {
        schema: {
          summary: 'A background job’s state and progress',
          tags: ['Envelope lifecycle'],
          params: Type.Object({ jobId: Type.String({ minLength: 1, maxLength: 40 }) }),
          response: { 200: JobSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => getJob(context, request.params.jobId, viewerOf(request.principal)),
    );

    const jobNote = 'Checked at once (409 for the wrong status, 422 naming the capability the provider lacks), then run as a job: the answer (202) is the job, followed at GET /api/v1/jobs/{jobId}; its `lastError` says why it failed. Asking again while it waits or runs returns the same job.';

    app.post(
      '/envelopes/:envelopeId/withdraw',
      {
        schema: {
          summary: 'Withdraw a sent envelope (a job)',
          description: `${jobNote} Once done, the envelope is \`withdrawn\` with the reason as its \`statusReason\`.`,
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          body: Type.Optional(WithdrawSchema),
          response: { 202: JobSchema, ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await startEnvelopeAction(context, request.params.envelopeId, { action: 'withdraw', reason: request.body?.reason ?? null }, actorOf(request), actionRequestOf(request))),
    );

    app.post(
      '/envelopes/:envelopeId/remind',
      {
        schema: {
          summary: 'Remind the participants whose turn it is (a job)',
          description: `${jobNote} Once done, the history has an \`envelope-reminded\` event naming them.`,
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          response: { 202: JobSchema, ...problemResponses(401, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.code(202).send(await startEnvelopeAction(context, request.params.envelopeId, { action: 'remind' }, actorOf(request), actionRequestOf(request))),
    );

    app.post(
      '/envelopes/:envelopeId/extend-expiry',
      {
        schema: {
          summary: 'Move the expiry of a sent envelope later (a job)',
          description: `${jobNote} Needs the provider capability \`expiryChange\`; \`expiresAt\` must be in the future and after the current expiry.`,
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          body: ExtendExpirySchema,
          response: { 202: JobSchema, ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await startEnvelopeAction(context, request.params.envelopeId, { action: 'extend-expiry', expiresAt: request.body.expiresAt }, actorOf(request), actionRequestOf(request))),
    );

    app.post(
      '/envelopes/:envelopeId/skip-pending',
      {
        schema: {
          summary: 'Complete a sent envelope without the participants who have not acted (a job)',
          description: `${jobNote} Needs the provider capability \`skipPending\`; the provider marks them skipped, and a sync brings that here.`,
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          response: { 202: JobSchema, ...problemResponses(401, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.code(202).send(await startEnvelopeAction(context, request.params.envelopeId, { action: 'skip-pending' }, actorOf(request), actionRequestOf(request))),
    );

    app.post(
      '/envelopes/:envelopeId/archive',
      {
        schema: {
          summary: 'Try again now to archive a completed envelope’s signed files',
          description:
            'For a completed envelope whose `archive.status` is `pending` or `failed`: an attempt is queued at once (202, the envelope with `archive.nextAttemptAt` now); follow `archive` on the envelope. If it fails again, `archive.lastError` says why and the schedule goes on (a `failed` archive stays failed). 409 when the envelope is not completed or its files are archived already.',
          tags: ['Envelope lifecycle'],
          params: EnvelopeParams,
          response: { 202: EnvelopeSchema, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => reply.code(202).send(await retryArchive(context, request.params.envelopeId, actionRequestOf(request))),
    );
  };
