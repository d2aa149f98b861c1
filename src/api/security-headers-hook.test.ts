import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { securityHeaders } from '../net/security-headers.js';
import { securityHeadersHook } from './security-headers-hook.js';

/** The headers of a response in the order they were written, the date left out. */
async function headersOf(app: FastifyInstance): Promise<string[]> {
  app.get('/page', async (_request, reply) => reply.type('text/html').send('<p>hello</p>'));
  const response = await app.inject({ method: 'GET', url: '/page' });
  return response.raw.res.getHeaderNames().map((name) => `${name}: ${String(response.raw.res.getHeader(name))}`);
}

describe('securityHeadersHook', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });
  const newApp = () => {
    const app = Fastify();
    apps.push(app);
    return app;
  };

  for (const https of [false, true]) {
    it(`sets exactly the headers @fastify/helmet sets, in its order (https: ${https})`, async () => {
      const withPlugin = newApp();
      await withPlugin.register(helmet, securityHeaders({ https }));
      const withHook = newApp();
      withHook.addHook('onRequest', securityHeadersHook(securityHeaders({ https })));

      const expected = await headersOf(withPlugin);
      expect(expected).toContain("x-frame-options: DENY");
      expect(expected.some((header) => header.startsWith('strict-transport-security:'))).toBe(https);
      expect(await headersOf(withHook)).toEqual(expected);
    });
  }

  it('refuses options whose headers differ per request', () => {
    expect(() => securityHeadersHook({ ...securityHeaders({ https: false }), enableCSPNonces: true })).toThrow(/nonces/);
  });
});
