import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../app/context.js';
import { ROLE_SCOPES, ROLES, SCOPES } from '../domain/roles.js';
import { requireAuthentication } from './auth.js';
import { ROUTE_ACCESS } from './route-access.js';

describe('the route access table', () => {
  it('refuses to start a server with an /api/v1 route that has no entry', async () => {
    const start = async () => {
      const app = Fastify();
      await app.register(
        async (api) => {
          requireAuthentication(api, {} as AppContext, undefined);
          api.get('/envelopes', async () => ({}));
          api.post('/something-new', async () => ({}));
        },
        { prefix: '/api/v1' },
      );
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/POST \/something-new has no entry in ROUTE_ACCESS/);
  });

  it('names only known scopes', () => {
    for (const [route, access] of Object.entries(ROUTE_ACCESS)) expect(SCOPES, route).toContain(access.scope);
  });

  it('grants each role everything the role below it has (owner ⊇ admin ⊇ member ⊇ viewer)', () => {
    for (let index = 1; index < ROLES.length; index++) {
      const higher = ROLE_SCOPES[ROLES[index - 1]!];
      for (const scope of ROLE_SCOPES[ROLES[index]!]) expect(higher, `${ROLES[index - 1]} ⊇ ${ROLES[index]}`).toContain(scope);
    }
  });
});
