import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { ownershipOf, viewerOf } from '../../app/principal.js';
import { requestEnvelopeDeletion } from '../../app/envelopes/actions.js';
import { cloneEnvelope } from '../../app/envelopes/clone.js';
import * as envelopes from '../../app/envelopes/envelopes.js';
import { participantSigningUrl } from '../../app/envelopes/signing-url.js';
import {
  CloneEnvelopeSchema,
  CreateEnvelopeSchema,
  EnvelopeCountsQuerySchema,
  EnvelopeCountsSchema,
  EnvelopeListQuerySchema,
  EnvelopeSchema,
  EnvelopeSummarySchema,
  IdParams,
  JobSchema,
  ParticipantInputSchema,
  ParticipantPatchSchema,
  ParticipantSchema,
  SigningUrlSchema,
  UpdateEnvelopeSchema,
  pageOf,
} from '../schemas.js';
import { withJsonItems } from '../page-serializer.js';
import { actorOf } from './actor.js';
import { NoContent, problemResponses, sendJsonText } from './responses.js';
import { actionRequestOf } from '../auth.js';

const EnvelopeParams = IdParams('envelopeId', 'env');
const ParticipantParams = Type.Object({ ...EnvelopeParams.properties, ...IdParams('participantId', 'par').properties });

/** `status=sent` arrives as a string, `status=sending&status=sent` as an array. */
const listOf = <T>(value: T | T[] | undefined): T[] | undefined => (value === undefined ? undefined : [value].flat() as T[]);

export const envelopeRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.post(
      '/envelopes',
      {
        config: { idempotent: { status: 201, answer: (id) => envelopes.getEnvelope(context, id) } },
        schema: {
          summary: 'Create an envelope',
          description: 'Status is `ready` when it has at least one document and one signer, `draft` otherwise. Honours `Idempotency-Key`.',
          tags: ['Envelopes'],
          body: CreateEnvelopeSchema,
          response: { 201: EnvelopeSchema, ...problemResponses(400, 401, 409, 422) },
        },
      },
      async (request, reply) => reply.code(201).send(await envelopes.createEnvelope(context, request.body, actorOf(request), { owner: ownershipOf(request.principal), viewer: viewerOf(request.principal) }, { apiRequest: actionRequestOf(request) })),
    );

    app.get(
      '/envelopes',
      {
        schema: {
          summary: 'List envelopes, newest first or in the order asked',
          description:
            'Cursor pagination: pass `nextCursor` as `cursor` for the next page, with the same `sort` and `order` (a cursor of another order is refused, 400). Newest first (the default), pages stay correct while envelopes are added; sorted by last change, an envelope that changes while you page may move past the cursor.',
          tags: ['Envelopes'],
          querystring: EnvelopeListQuerySchema,
          response: { 200: pageOf(EnvelopeSummarySchema), ...problemResponses(400, 401) },
        },
      },
      async (request) => {
        const { limit, status, ...filter } = request.query;
        // On SQLite the database wrote each envelope in the item schema's shape (store/envelope-summaries.ts).
        return withJsonItems(await envelopes.listEnvelopes(context, { ...filter, statuses: listOf(status), limit: limit ?? 25, viewer: viewerOf(request.principal) }));
      },
    );

    app.get(
      '/envelopes/counts',
      {
        schema: {
          summary: 'Count envelopes, in all and by status',
          description:
            'The envelopes the caller sees, narrowed by the same parameters as the list: e.g. the list’s status tabs, `status=completed&updatedSince=…` for completed this week, or `q` for the tabs of a search. Without `q`, one grouped count over an index, never a read of every envelope; with `q`, it reads the rows that the same search of the list reads.',
          tags: ['Envelopes'],
          querystring: EnvelopeCountsQuerySchema,
          response: { 200: EnvelopeCountsSchema, ...problemResponses(400, 401) },
        },
      },
      async (request) => {
        const { status, ...scope } = request.query;
        return envelopes.countEnvelopes(context, { ...scope, statuses: listOf(status), viewer: viewerOf(request.principal) });
      },
    );

    app.get(
      '/envelopes/:envelopeId',
      {
        schema: {
          summary: 'Get an envelope with its documents, participants and history',
          tags: ['Envelopes'],
          params: EnvelopeParams,
          response: { 200: EnvelopeSchema, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const answer = await envelopes.getEnvelopeAnswer(context, request.params.envelopeId);
        // JSON text the database wrote in the schema's shape goes out as it is (app/envelopes/envelope-view.ts).
        return typeof answer === 'string' ? sendJsonText(reply, answer) : answer;
      },
    );

    app.patch(
      '/envelopes/:envelopeId',
      {
        schema: {
          summary: 'Change an envelope while it is draft, ready or failed',
          description: '`documentIds`, when given, replaces the list. `null` clears an optional field.',
          tags: ['Envelopes'],
          params: EnvelopeParams,
          body: UpdateEnvelopeSchema,
          response: { 200: EnvelopeSchema, ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request) => envelopes.updateEnvelope(context, request.params.envelopeId, request.body, actorOf(request), { viewer: viewerOf(request.principal) }),
    );

    app.delete(
      '/envelopes/:envelopeId',
      {
        schema: {
          summary: 'Delete an envelope',
          description:
            'Draft, ready or failed: deleted here with its participants (204); its documents stay. Sent or finished: deleted at its provider by a job (202 with the job; follow it at GET /api/v1/jobs/{jobId}) and kept here with status `deleted` as history — only with `confirm=true` (else 409), and only where the provider can delete (else 422 naming the capability `deletion`).',
          tags: ['Envelopes'],
          params: EnvelopeParams,
          querystring: Type.Object(
            { confirm: Type.Optional(Type.Boolean({ description: 'Required to delete an envelope its provider has: it is deleted there too.' })) },
            { additionalProperties: false },
          ),
          response: { 202: JobSchema, 204: NoContent, ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const outcome = await requestEnvelopeDeletion(context, request.params.envelopeId, { confirmed: request.query.confirm === true }, actorOf(request), actionRequestOf(request));
        return outcome.deleted === 'local' ? reply.code(204).send(null) : reply.code(202).send(outcome.job);
      },
    );

    app.post(
      '/envelopes/:envelopeId/clone',
      {
        config: { idempotent: { status: 201, answer: (id) => envelopes.getEnvelope(context, id) } },
        schema: {
          summary: 'Copy an envelope into a new one, to change and send',
          description:
            'A new envelope (201, `draft` or `ready` by its content) with the source’s title, message, language, documents and participants — their roles, steps, options, secret answers and fields — and its expiry when still ahead; not its statuses, history, `externalRef` or `metadata`. Any status may be copied: "Duplicate", or "Correct and resend" after a rejection, a withdrawal or a failed send. `connectionId` sends the copy through another connection (null: the default); the copy is checked against that provider as at creation (422 naming what it cannot do). Its history’s `envelope-created` line names the source (`clonedFrom`). Honours `Idempotency-Key`.',
          tags: ['Envelopes'],
          params: EnvelopeParams,
          body: CloneEnvelopeSchema,
          response: { 201: EnvelopeSchema, ...problemResponses(400, 401, 404, 422) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await cloneEnvelope(context, request.params.envelopeId, request.body, actorOf(request), { owner: ownershipOf(request.principal), viewer: viewerOf(request.principal) }, actionRequestOf(request))),
    );

    app.post(
      '/envelopes/:envelopeId/participants',
      {
        config: { idempotent: { status: 201, answer: (id, request) => envelopes.getParticipant(context, (request.params as { envelopeId: string }).envelopeId, id) } },
        schema: {
          summary: 'Add a participant',
          tags: ['Envelopes'],
          params: EnvelopeParams,
          body: ParticipantInputSchema,
          response: { 201: ParticipantSchema, ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request, reply) => reply.code(201).send(await envelopes.addParticipant(context, request.params.envelopeId, request.body, actorOf(request), actionRequestOf(request))),
    );

    app.patch(
      '/envelopes/:envelopeId/participants/:participantId',
      {
        schema: {
          summary: 'Change a participant',
          tags: ['Envelopes'],
          params: ParticipantParams,
          body: ParticipantPatchSchema,
          response: { 200: ParticipantSchema, ...problemResponses(400, 401, 404, 409, 422) },
        },
      },
      async (request) =>
        envelopes.updateParticipant(context, request.params.envelopeId, request.params.participantId, request.body, actorOf(request)),
    );

    app.get(
      '/envelopes/:envelopeId/participants/:participantId/signing-url',
      {
        schema: {
          summary: 'Get a fresh signing URL for a participant with embedded delivery',
          description:
            'For participants created with `delivery` `{"mode":"embedded","returnUrl":…}` once the envelope is sent: the provider’s signing page, to open or frame in your application. Ask again each time (providers’ URLs expire). 422 naming `embeddedSigning` when the envelope’s provider has no embedded signing.',
          tags: ['Envelopes'],
          params: ParticipantParams,
          response: { 200: SigningUrlSchema, ...problemResponses(401, 404, 409, 422) },
        },
      },
      async (request) => participantSigningUrl(context, request.params.envelopeId, request.params.participantId),
    );

    app.delete(
      '/envelopes/:envelopeId/participants/:participantId',
      {
        schema: {
          summary: 'Remove a participant',
          tags: ['Envelopes'],
          params: ParticipantParams,
          response: { 204: NoContent, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => {
        await envelopes.removeParticipant(context, request.params.envelopeId, request.params.participantId, actorOf(request));
        return reply.code(204).send(null);
      },
    );
  };
