import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { addRouteHook } from './route-hooks.js';

describe('addRouteHook', () => {
  it('runs the hook on the routes it was added to, once each, after the route’s own and the scope’s hooks', async () => {
    const app = Fastify();
    const ran: string[] = [];
    app.addHook('preHandler', async (request) => {
      ran.push(`scope ${request.method} ${request.url}`);
    });
    app.addHook('onRoute', (route) => {
      if (route.url === '/marked') addRouteHook(route, 'preHandler', async (request) => void ran.push(`added ${request.method}`));
    });
    app.get('/marked', { preHandler: async () => void ran.push('own') }, async () => 'marked');
    app.get('/plain', async () => 'plain');

    await app.inject({ method: 'GET', url: '/marked' });
    await app.inject({ method: 'HEAD', url: '/marked' });
    await app.inject({ method: 'GET', url: '/plain' });
    expect(ran).toEqual(['scope GET /marked', 'own', 'added GET', 'scope HEAD /marked', 'own', 'added HEAD', 'scope GET /plain']);
    await app.close();
  });
});
