import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { listEndpointDeliveries, listEnvelopeDeliveries, redeliver, sendTestPing } from '../../app/webhooks/deliveries.js';
import * as endpoints from '../../app/webhooks/endpoints.js';
import {
  CreateWebhookEndpointSchema,
  IdParams,
  pageOf,
  PageQuerySchema,
  UpdateWebhookEndpointSchema,
  WebhookDeliveryQuerySchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
} from '../schemas.js';
import { NoContent, problemResponses } from './responses.js';
import { actionRequestOf } from '../auth.js';

const EndpointParams = IdParams('endpointId', 'whe');
const DeliveryParams = Type.Object({ ...EndpointParams.properties, ...IdParams('deliveryId', 'whd').properties });
const DEFAULT_PAGE = 25;

/**
 * Webhook endpoints and their delivery log (docs/webhooks.md). Who may: `webhooks:admin` (admins and
 * owners, or a key with that scope; src/api/route-access.ts). Creating an endpoint and rotating its
 * secret answer the secret once; they take no Idempotency-Key replay, since a replay would answer the
 * secret again (and keep it, unsealed, with the stored answer).
 */
export const webhookRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.post(
      '/webhook-endpoints',
      {
        schema: {
          summary: 'Add a webhook endpoint',
          description:
            'Events of the types in `events` (all when absent) are POSTed to `url` as Standard Webhooks, signed with the endpoint’s secret. The answer carries the secret (`whsec_…`) this one time only; it is kept encrypted and never shown again (rotate it for a new one). See docs/webhooks.md for the headers, the retries and how to verify a signature.',
          tags: ['Webhooks'],
          body: CreateWebhookEndpointSchema,
          response: { 201: WebhookEndpointWithSecretSchema, ...problemResponses(400, 401, 422) },
        },
      },
      async (request, reply) => reply.code(201).send(await endpoints.createEndpoint(context, request.body, actionRequestOf(request))),
    );

    app.get(
      '/webhook-endpoints',
      {
        schema: {
          summary: 'List webhook endpoints (never their secrets)',
          tags: ['Webhooks'],
          response: { 200: Type.Object({ data: Type.Array(WebhookEndpointSchema) }), ...problemResponses(401) },
        },
      },
      async () => ({ data: await endpoints.listEndpoints(context) }),
    );

    app.get(
      '/webhook-endpoints/:endpointId',
      {
        schema: {
          summary: 'Get a webhook endpoint (never its secret)',
          description: 'A disabled endpoint says why in `disabledReason` (a 410 Gone answer, every attempt failing for 5 days, or a request) and since when (`disabledAt`).',
          tags: ['Webhooks'],
          params: EndpointParams,
          response: { 200: WebhookEndpointSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => endpoints.getEndpoint(context, request.params.endpointId),
    );

    app.patch(
      '/webhook-endpoints/:endpointId',
      {
        schema: {
          summary: 'Change a webhook endpoint',
          description:
            'A new `url` follows the rules of creation. `enabled: true` enables a disabled endpoint again (new events are delivered; redeliver what it missed); `enabled: false` disables it and gives up on its pending deliveries.',
          tags: ['Webhooks'],
          params: EndpointParams,
          body: UpdateWebhookEndpointSchema,
          response: { 200: WebhookEndpointSchema, ...problemResponses(400, 401, 404, 422) },
        },
      },
      async (request) => endpoints.updateEndpoint(context, request.params.endpointId, request.body, actionRequestOf(request)),
    );

    app.delete(
      '/webhook-endpoints/:endpointId',
      {
        schema: {
          summary: 'Delete a webhook endpoint',
          description: 'Nothing more is sent to it; its delivery log goes with it.',
          tags: ['Webhooks'],
          params: EndpointParams,
          response: { 204: NoContent, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        await endpoints.deleteEndpoint(context, request.params.endpointId, actionRequestOf(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/webhook-endpoints/:endpointId/rotate-secret',
      {
        schema: {
          summary: 'Replace the endpoint’s signing secret',
          description:
            'Answers the new secret this one time. For 24 hours (`previousSecretExpiresAt`) every delivery carries two signatures in `webhook-signature`, one per secret, so the receiver keeps verifying while you deploy the new secret; after that, only the new one signs.',
          tags: ['Webhooks'],
          params: EndpointParams,
          response: { 200: WebhookEndpointWithSecretSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => endpoints.rotateSecret(context, request.params.endpointId, actionRequestOf(request)),
    );

    app.post(
      '/webhook-endpoints/:endpointId/test',
      {
        schema: {
          summary: 'Send a test `ping` event to this endpoint',
          description:
            'A `ping` event (`{"id":"ev_…","type":"ping","occurredAt":"…","envelopeId":null,"data":{"endpointId":"whe_…","message":"…"}}`) is delivered to this endpoint alone, signed and retried like any delivery; follow it in the delivery log. 409 while the endpoint is disabled.',
          tags: ['Webhooks'],
          params: EndpointParams,
          response: { 202: WebhookDeliverySchema, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => reply.code(202).send(await sendTestPing(context, request.params.endpointId)),
    );

    app.get(
      '/webhook-endpoints/:endpointId/deliveries',
      {
        schema: {
          summary: 'The endpoint’s delivery log, newest first',
          description: 'Each delivery with its status, next attempt and every attempt (time, duration, status code or error, the first 2 KiB of the answer). Cursor pagination as elsewhere.',
          tags: ['Webhooks'],
          params: EndpointParams,
          querystring: WebhookDeliveryQuerySchema,
          response: { 200: pageOf(WebhookDeliverySchema), ...problemResponses(400, 401, 404) },
        },
      },
      async (request) => listEndpointDeliveries(context, request.params.endpointId, { ...request.query, limit: request.query.limit ?? DEFAULT_PAGE }),
    );

    app.post(
      '/webhook-endpoints/:endpointId/deliveries/:deliveryId/redeliver',
      {
        schema: {
          summary: 'Send a delivered or failed delivery again',
          description:
            'A new delivery of the same event, with the same `webhook-id` and a fresh retry schedule, after any event of the same envelope still waiting. 409 while the delivery is still pending, while the endpoint is disabled, or once the event is no longer kept (COUNTERSIGN_EVENT_RETENTION_DAYS).',
          tags: ['Webhooks'],
          params: DeliveryParams,
          response: { 202: WebhookDeliverySchema, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => reply.code(202).send(await redeliver(context, request.params.endpointId, request.params.deliveryId, actionRequestOf(request))),
    );

    app.get(
      '/envelopes/:envelopeId/webhook-deliveries',
      {
        schema: {
          summary: 'The webhook deliveries of an envelope’s events, to every endpoint, newest first',
          tags: ['Webhooks'],
          params: IdParams('envelopeId', 'env'),
          querystring: PageQuerySchema,
          response: { 200: pageOf(WebhookDeliverySchema), ...problemResponses(400, 401, 404) },
        },
      },
      async (request) => listEnvelopeDeliveries(context, request.params.envelopeId, { ...request.query, limit: request.query.limit ?? DEFAULT_PAGE }),
    );
  };
