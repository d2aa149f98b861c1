import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { queryServerDatabase } from '../support/server-database.js';

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

describe('authentication', () => {
  it('answers /health and, once started, /health/ready without a key', async () => {
    const response = await apiClient(server.url, undefined).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
    const ready = await apiClient(server.url, undefined).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', queue: 'ok' } });
  });

  it.each([
    ['no header', undefined, /needs an API key/],
    ['a wrong key', 'csk_not-a-real-key', /not valid or has been revoked/],
  ])('refuses %s with a 401 problem', async (_case, key, detail) => {
    const response = await apiClient(server.url, key).get('/api/v1/envelopes');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({ type: '/api/v1/problems/unauthorized', status: 401 });
    expect(response.body.detail).toMatch(detail);
  });

  it('refuses every /api/v1 route without a key, including writes', async () => {
    const anonymous = apiClient(server.url, undefined);
    for (const [method, path] of [
      ['GET', '/api/v1/documents'],
      ['POST', '/api/v1/envelopes'],
      ['GET', '/api/v1/keys'],
      ['DELETE', '/api/v1/documents/doc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C'],
    ] as const) {
      expect((await anonymous.call(method, path, method === 'POST' ? { json: {} } : {})).status).toBe(401);
    }
  });
});

describe('API keys', () => {
  it('creates a key shown once, lists it without its secret, and revokes it', async () => {
    const admin = apiClient(server.url, server.apiKey);
    const created = await admin.post('/api/v1/keys', { name: 'CRM integration' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    expect(created.body.prefix).toBe(created.body.secret.slice(0, 12));

    const crm = apiClient(server.url, created.body.secret);
    expect((await crm.get('/api/v1/envelopes')).status).toBe(200);

    const listed = await admin.get('/api/v1/keys');
    const entry = listed.body.data.find((key: any) => key.id === created.body.id);
    expect(entry).toMatchObject({ name: 'CRM integration', revokedAt: null });
    expect(entry.lastUsedAt).not.toBeNull();
    expect(listed.text).not.toContain(created.body.secret);

    const revoked = await admin.post(`/api/v1/keys/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await crm.get('/api/v1/envelopes')).status).toBe(401);
  });

  it('never writes a key to the log', async () => {
    const admin = apiClient(server.url, server.apiKey);
    const created = await admin.post('/api/v1/keys', { name: 'log check' });
    const listed = await apiClient(server.url, created.body.secret).get('/api/v1/documents');
    // One line per request, with its id.
    const line = await server.waitForLine((text) => text.includes(listed.headers.get('x-request-id')!));
    expect(JSON.parse(line)).toMatchObject({ reqId: listed.headers.get('x-request-id'), method: 'GET', url: '/api/v1/documents', statusCode: 200 });
    expect(server.output()).not.toContain(created.body.secret);
    expect(server.output()).not.toContain(server.apiKey);
  });
});

describe('first start without COUNTERSIGN_API_KEY', () => {
  it('creates an admin key, prints it once, and keeps only its hash', async () => {
    const fresh = temporaryDataDir();
    const first = await startServer({ dataDir: fresh.dataDir, apiKey: null });
    try {
      expect(first.apiKey).toMatch(/^csk_/);
      expect((await apiClient(first.url, first.apiKey).get('/api/v1/envelopes')).status).toBe(200);
      await first.stop();
      const dump = JSON.stringify(await queryServerDatabase(fresh, 'select * from api_keys'));
      expect(dump).not.toContain(first.apiKey);

      const second = await startServer({ dataDir: fresh.dataDir, apiKey: null });
      expect(second.terminal()).not.toContain('shown only this once');
      expect((await apiClient(second.url, first.apiKey).get('/api/v1/envelopes')).status).toBe(200);
      await second.stop();
    } finally {
      await first.stop();
      fresh.remove();
    }
  });
});
