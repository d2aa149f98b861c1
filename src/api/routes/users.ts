import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import * as users from '../../app/users.js';
import { IdParams, InvitedUserSchema, InviteUserSchema, UpdateUserSchema, UserSchema } from '../schemas.js';
import { problemResponses } from './responses.js';
import { actionRequestOf } from '../auth.js';

const UserParams = IdParams('userId', 'acc');
const TAGS = ['Users'];

/** People who sign in to the web app, and their roles. */
export const userRoutes = (context: AppContext): FastifyPluginAsyncTypebox =>
  async function routes(app) {
    app.get(
      '/users',
      {
        schema: { summary: 'List users', tags: TAGS, response: { 200: Type.Object({ data: Type.Array(UserSchema) }), ...problemResponses(401) } },
      },
      async () => ({ data: await users.listUsers(context) }),
    );

    app.post(
      '/users',
      {
        schema: {
          summary: 'Invite a user',
          description:
            'Adds the person with a role and returns a one-time invitation link (valid 7 days) to hand to them: no mail is sent. Opening it, they set a password and are signed in. Only owners may invite owners.',
          tags: TAGS,
          body: InviteUserSchema,
          response: { 201: InvitedUserSchema, ...problemResponses(400, 401, 409, 422) },
        },
      },
      async (request, reply) => reply.code(201).send(await users.inviteUser(context, request.principal, request.body, actionRequestOf(request))),
    );

    app.patch(
      '/users/:userId',
      {
        schema: {
          summary: 'Change a user’s role',
          description: 'Their API keys follow at once. Only owners may change an owner or make someone owner; the last owner cannot be demoted.',
          tags: TAGS,
          params: UserParams,
          body: UpdateUserSchema,
          response: { 200: UserSchema, ...problemResponses(400, 401, 404, 409) },
        },
      },
      async (request) => users.changeUserRole(context, request.principal, request.params.userId, request.body.role, actionRequestOf(request)),
    );

    app.delete(
      '/users/:userId',
      {
        schema: {
          summary: 'Remove a user',
          description: 'Ends their sessions and revokes their API keys. Only owners may remove an owner; the last owner cannot be removed.',
          tags: TAGS,
          params: UserParams,
          response: { 200: UserSchema, ...problemResponses(401, 404, 409) },
        },
      },
      async (request) => users.removeUser(context, request.principal, request.params.userId, actionRequestOf(request)),
    );

    app.post(
      '/users/:userId/invitation',
      {
        schema: {
          summary: 'Issue a new invitation link',
          description: 'For someone who has not accepted yet; their earlier link stops working.',
          tags: TAGS,
          params: UserParams,
          response: { 200: InvitedUserSchema, ...problemResponses(401, 404, 409) },
        },
      },
      async (request) => users.renewInvitation(context, request.principal, request.params.userId, actionRequestOf(request)),
    );
  };
