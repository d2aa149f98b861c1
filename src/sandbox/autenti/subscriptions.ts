import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { NOTIFICATION_SCOPE, findClient, parseCallbackUrl } from './clients.js';
import type { SandboxContext } from './context.js';
import { problems } from './problems.js';
import type { SubscriptionRecord } from './store.js';
import { authOf } from './tokens.js';

/**
 * Event subscriptions of live Autenti (Autenti's Power Automate connector, "Document Change"):
 * `POST /applications/callbacks` (`responseVariant` accepted and ignored), `GET`, `DELETE …/{id}`. They
 * belong to the calling client application and need its `notification_management` scope. Each action's
 * events go to every subscription as one JSON array (callbacks.ts); the URL carries its own secret.
 */

/** The one adapter the sandbox knows; the connector sends it by default. */
export const API_V2_CALLBACK_ADAPTER = 'CALLBACK_ADAPTER:API_V2';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (subscription: SubscriptionRecord) => ({
  id: subscription.id,
  callbackAdapterId: subscription.callbackAdapterId,
  callbackParameters: subscription.callbackParameters,
  createdAt: subscription.createdAt,
});

export function subscriptionRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (api: FastifyInstance) => {
    api.addHook('preHandler', async (request) => {
      const { clientId } = authOf(request);
      if (!findClient(context.store, clientId)?.scopes.includes(NOTIFICATION_SCOPE)) {
        throw problems.forbidden(
          `Event subscriptions need the ${NOTIFICATION_SCOPE} scope, which client ${clientId} does not have; an administrator grants it in Integration settings (PUT /_sandbox/clients/{id}/scopes).`,
        );
      }
    });

    api.post('/applications/callbacks', async (request, reply) => {
      const body = request.body;
      if (!isObject(body)) throw problems.badRequest('The body must be {"callbackAdapterId": "CALLBACK_ADAPTER:API_V2", "callbackParameters": {"callbackUrl": "https://…"}}.');
      if (body.callbackAdapterId !== API_V2_CALLBACK_ADAPTER) {
        throw problems.badRequest(`callbackAdapterId must be ${API_V2_CALLBACK_ADAPTER}; got ${JSON.stringify(body.callbackAdapterId)}.`, [
          { field: 'callbackAdapterId', message: `must be ${API_V2_CALLBACK_ADAPTER}` },
        ]);
      }
      const parameters = isObject(body.callbackParameters) ? body.callbackParameters : {};
      if (typeof parameters.callbackUrl !== 'string' || parameters.callbackUrl === '') {
        throw problems.badRequest('callbackParameters.callbackUrl (an absolute http(s) URL) is required.', [{ field: 'callbackParameters.callbackUrl', message: 'is required' }]);
      }
      const callbackUrl = parseCallbackUrl(parameters.callbackUrl, context.callbacks.checkUrl)!;
      const subscription: SubscriptionRecord = {
        id: `CALLBACK:${randomUUID()}`,
        clientId: authOf(request).clientId,
        callbackAdapterId: API_V2_CALLBACK_ADAPTER,
        callbackParameters: { callbackUrl },
        createdAt: context.now().toISOString(),
      };
      context.store.addSubscription(subscription);
      return reply.code(201).send(describe(subscription));
    });

    api.get('/applications/callbacks', async (request) => context.store.listSubscriptions(authOf(request).clientId).map(describe));

    api.delete('/applications/callbacks/:callbackId', async (request, reply) => {
      const id = decodeURIComponent((request.params as { callbackId: string }).callbackId);
      if (!context.store.deleteSubscription(authOf(request).clientId, id)) throw problems.notFound(`No subscription ${id} for this client application.`);
      return reply.code(204).send();
    });
  };
}
