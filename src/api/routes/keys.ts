import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import * as apiKeys from '../../app/api-keys.js';
import type { AppContext } from '../../app/context.js';
import { ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema, IdParams } from '../schemas.js';
import { problemResponses } from './responses.js';
import { CountersignError } from '../../domain/errors.js';
import { actionRequestOf } from '../auth.js';

/** The API calls accounts users: a key's `accountId` is its `userId`. */
const toApiKeyBody = <T extends apiKeys.ApiKeyRecord>({ accountId, ...key }: T) => ({ ...key, userId: accountId });

/** A key's secret is in its creation's answer only (a hash is kept): a crash that lost that answer lost the secret. */
const answerLost = async (id: string): Promise<never> => {
  throw new CountersignError(
    'CONFLICT',
    `The first request with this Idempotency-Key created the API key ${id}, but its answer, the only place its secret was ever shown, was lost in a server crash. Revoke ${id} and create a new key.`,
  );
};

export const keyRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.post(
      '/keys',
      {
        config: { idempotent: { status: 201, answer: answerLost } },
        schema: {
          summary: 'Create an API key',
          description:
            'The key acts for the person creating it, with the `scopes` given (default: all of theirs, never more). It may use only what that person’s role grants at the time of each request. The response carries the key itself (`secret`) this one time only; only its hash is kept. Honours `Idempotency-Key`: a repeat gets the same answer, secret included (kept sealed for a day); a repeat after a server crash lost the first answer gets 409 naming the key made, to revoke.',
          tags: ['API keys'],
          body: CreateApiKeySchema,
          response: { 201: CreatedApiKeySchema, ...problemResponses(400, 401, 409, 422) },
        },
      },
      async (request, reply) => reply.code(201).send(toApiKeyBody(await apiKeys.createApiKey(context, request.principal, request.body, actionRequestOf(request)))),
    );

    app.get(
      '/keys',
      {
        schema: {
          summary: 'List API keys (never their secrets)',
          tags: ['API keys'],
          response: { 200: Type.Object({ data: Type.Array(ApiKeySchema) }), ...problemResponses(401) },
        },
      },
      async () => ({ data: (await apiKeys.listApiKeys(context)).map(toApiKeyBody) }),
    );

    app.post(
      '/keys/:keyId/revoke',
      {
        schema: {
          summary: 'Revoke an API key',
          description: 'Requests with a revoked key get 401 from then on. Revoking twice is harmless.',
          tags: ['API keys'],
          params: IdParams('keyId', 'key'),
          response: { 200: ApiKeySchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => toApiKeyBody(await apiKeys.revokeApiKey(context, request.params.keyId, actionRequestOf(request))),
    );
  };
