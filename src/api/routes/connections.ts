import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import * as connections from '../../app/connections.js';
import type { AppContext } from '../../app/context.js';
import { principalHasScope } from '../../app/principal.js';
import { providerCatalog } from '../../providers/catalog.js';
import { createConnectionSchema, ProviderEntrySchema, updateConnectionSchema } from '../provider-schemas.js';
import { ConnectionSchema, IdParams, VerifyResultSchema } from '../schemas.js';
import { NoContent, problemResponses } from './responses.js';
import { actionRequestOf } from '../auth.js';

const ConnectionParams = IdParams('connectionId', 'con');

export const connectionRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    // Both read from the registry: a provider's credentials schema is the body's credential fields.
    const CreateConnectionSchema = createConnectionSchema(context.providers);
    const UpdateConnectionSchema = updateConnectionSchema(context.providers);
    const catalog = providerCatalog(context.providers);

    app.get(
      '/providers',
      {
        schema: {
          summary: 'Providers that can be connected: their environments, credential fields and capabilities',
          description:
            'One entry per provider this server can connect, read from its descriptor. `credentials` are the fields of a connection’s body for that provider; `capabilities` say what it can do — an action it cannot do is refused with 422 naming the capability.',
          tags: ['Connections'],
          response: { 200: Type.Object({ data: Type.Array(ProviderEntrySchema) }), ...problemResponses(401) },
        },
      },
      async () => ({ data: catalog }),
    );

    app.post(
      '/connections',
      {
        config: { idempotent: { status: 201, answer: (id) => connections.getConnection(context, id) } },
        schema: {
          summary: 'Connect a provider account',
          description:
            'The body is the provider’s: `provider` picks which, and its credential fields are those GET /api/v1/providers lists for it (`credentials`). Keeps the secret encrypted and, for Autenti, generates an RSA key pair: paste `publicJwk` into Autenti’s Integration settings, then verify. The secret and the private key are never returned. `baseUrl` must be https to a public address; private, loopback and link-local addresses, `localhost`, credentials in the URL and plain http are refused (422) unless the operator opened them with COUNTERSIGN_ALLOW_PRIVATE_URLS.',
          tags: ['Connections'],
          body: CreateConnectionSchema,
          response: { 201: ConnectionSchema, ...problemResponses(400, 401, 422) },
        },
      },
      async (request, reply) => {
        const { provider, name, baseUrl, makeDefault, ...credentials } = request.body;
        return reply
          .code(201)
          .send(await connections.createConnection(context, { provider, name, baseUrl, makeDefault, credentials: credentials as Record<string, string | undefined> }, actionRequestOf(request)));
      },
    );

    app.get(
      '/connections',
      {
        schema: {
          summary: 'List connections (callback URLs masked; an administrator GETs one connection for its full callback URL)',
          tags: ['Connections'],
          response: { 200: Type.Object({ data: Type.Array(ConnectionSchema) }), ...problemResponses(401) },
        },
      },
      // The list is shown to everyone who opens Settings: callback secrets masked, always.
      async () => ({ data: (await connections.listConnections(context)).map(connections.withMaskedCallbackUrl) }),
    );

    app.get(
      '/connections/:connectionId',
      {
        schema: {
          summary: 'Get a connection (with its public key, never its secrets; the full callback URL for administrators only)',
          tags: ['Connections'],
          params: ConnectionParams,
          response: { 200: ConnectionSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => {
        const connection = await connections.getConnection(context, request.params.connectionId);
        return principalHasScope(request.principal, 'connections:admin') ? connection : connections.withMaskedCallbackUrl(connection);
      },
    );

    app.patch(
      '/connections/:connectionId',
      {
        schema: {
          summary: 'Change a connection',
          description:
            'Credentials given replace the stored ones; `makeDefault: true` makes it the default. A new `baseUrl` (or environment) follows the same rules as at creation and needs the secret (`clientSecret`) again in the same request (422 otherwise): the stored secret is never sent to a new destination.',
          tags: ['Connections'],
          params: ConnectionParams,
          body: UpdateConnectionSchema,
          response: { 200: ConnectionSchema, ...problemResponses(400, 401, 404, 422) },
        },
      },
      async (request) => {
        const { name, baseUrl, makeDefault, ...credentials } = request.body;
        // Only credentials actually given replace stored ones (and call for a new verification).
        const changed = Object.keys(credentials).length > 0 ? (credentials as Record<string, string | undefined>) : undefined;
        return connections.updateConnection(context, request.params.connectionId, { name, baseUrl, makeDefault, credentials: changed }, actionRequestOf(request));
      },
    );

    app.delete(
      '/connections/:connectionId',
      {
        schema: {
          summary: 'Delete a connection',
          description: 'Refused (409) while envelopes sent through it are still in flight.',
          tags: ['Connections'],
          params: ConnectionParams,
          response: { 204: NoContent, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => {
        await connections.deleteConnection(context, request.params.connectionId, actionRequestOf(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/connections/:connectionId/verify',
      {
        schema: {
          summary: 'Check the connection against the provider',
          description:
            'Gets a token and lists one page; `detail` says in plain words what is wrong (secret, key not registered, wrong environment, an address that resolves to a private network). A remote answer that is not the provider’s own error is never repeated, only its status and host.',
          tags: ['Connections'],
          params: ConnectionParams,
          response: { 200: VerifyResultSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => connections.verifyConnection(context, request.params.connectionId),
    );

    app.post(
      '/connections/:connectionId/rotate-key',
      {
        schema: {
          summary: 'Replace the connection’s key pair',
          description: 'Register the new `publicJwk` at the provider; the old key stops working there once replaced.',
          tags: ['Connections'],
          params: ConnectionParams,
          response: { 200: ConnectionSchema, ...problemResponses(401, 404, 422) },
        },
      },
      async (request) => connections.rotateConnectionKey(context, request.params.connectionId, actionRequestOf(request)),
    );
  };
