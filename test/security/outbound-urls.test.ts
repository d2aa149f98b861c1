import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/net/outbound-guard.js';
import { startAutentiSandbox } from '../../src/sandbox/autenti/index.js';
import { apiClient, type ApiClient } from '../support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

/**
 * Issue 7, findings 3–5, against the real server: user-supplied URLs (a connection's baseUrl, the
 * sandbox's callback URL) must not make the server call internal addresses, must not turn it into a
 * port scanner that echoes what it finds, and a changed URL must not carry the stored secret away.
 * A local listener stands in for the internal service (or the attacker): it must see no connection.
 */

type Trap = { port: number; connections: number; bodies: string[]; close(): Promise<void> };

async function listen(answer: (body: string) => { status: number; type: string; body: string }): Promise<Trap> {
  const trap: Trap = { port: 0, connections: 0, bodies: [], close: async () => undefined };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      trap.bodies.push(body);
      const reply = answer(body);
      response.writeHead(reply.status, { 'content-type': reply.type });
      response.end(reply.body);
    });
  });
  server.on('connection', () => (trap.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  trap.port = (server.address() as AddressInfo).port;
  trap.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return trap;
}

const PROBLEM = 'application/problem+json';
const INTERNAL_MARKER = 'INTERNAL-ONLY redis_version:7.2.4 role:master';

const guardedFolder = temporaryDataDir();
const openedFolder = temporaryDataDir();
let guarded: ServerProcess;
let opened: ServerProcess;
let guardedApi: ApiClient;
let openedApi: ApiClient;
let trap: Trap;

beforeAll(async () => {
  trap = await listen(() => ({ status: 200, type: 'application/json', body: '{"access_token":"stolen","expires_in":60}' }));
  [guarded, opened] = await Promise.all([
    startServer({ dataDir: guardedFolder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0' } }),
    startServer({ dataDir: openedFolder.dataDir, env: { COUNTERSIGN_SYNC_INTERVAL_MINUTES: '0', COUNTERSIGN_ALLOW_PRIVATE_URLS: '127.0.0.1' } }),
  ]);
  guardedApi = apiClient(guarded.url, guarded.apiKey);
  openedApi = apiClient(opened.url, opened.apiKey);
});

afterAll(async () => {
  await Promise.all([guarded?.stop(), opened?.stop(), trap?.close()]);
  guardedFolder.remove();
  openedFolder.remove();
});

const autenti = (baseUrl: string, name = 'Probe') => ({
  provider: 'autenti',
  name,
  baseUrl,
  clientId: 'probe-client',
  clientSecret: 'probe-secret-do-not-leak',
  accountEmail: 'probe@example.com',
});

describe('finding 4: connections to internal addresses', () => {
  const forms = (port: number) => [
    `http://127.0.0.1:${port}/`,
    `https://127.0.0.1:${port}/`,
    `http://localhost:${port}/`,
    `https://localhost:${port}/`,
    `http://[::1]:${port}/`,
    `https://[::ffff:127.0.0.1]:${port}/`,
    `http://127.1:${port}/`,
    `https://2130706433:${port}/`,
    `https://0x7f000001:${port}/`,
    `https://0.0.0.0:${port}/`,
    `https://user:pw@api.autenti.com/api/v2/`,
    `http://user:pw@127.0.0.1:${port}/`,
    'http://169.254.169.254/latest/meta-data/',
    'https://169.254.169.254/latest/meta-data/',
    'https://10.0.0.1/api/v2/',
    'https://192.168.1.1/',
    'http://api.autenti.com/api/v2/',
  ];

  it('refuses every form with a problem+json that says why and how to allow it, and contacts nothing', async () => {
    for (const baseUrl of forms(trap.port)) {
      const created = await guardedApi.post('/api/v1/connections', autenti(baseUrl));
      expect(created.status, baseUrl).toBe(422);
      expect(created.headers.get('content-type'), baseUrl).toContain(PROBLEM);
      expect(created.body.errors?.[0]?.path, baseUrl).toBe('baseUrl');
      expect(created.body.detail, baseUrl).toMatch(/private|https URL|user name or password/);
      if (!baseUrl.includes('@')) expect(created.body.detail, baseUrl).toContain('COUNTERSIGN_ALLOW_PRIVATE_URLS');
    }
    // Nothing was created (only the built-in sandbox connections are there), nothing was contacted.
    const list = await guardedApi.get('/api/v1/connections');
    expect(list.body.data.map((connection: { baseUrl: string }) => connection.baseUrl)).toEqual([
      `${guarded.url}/sandbox/autenti/api/v2/`,
      `${guarded.url}/sandbox/connective/webportalapi/v3/`,
      `${guarded.url}/sandbox/consigno/api/v1/`,
    ]);
    expect(trap.connections).toBe(0);
  });

  it('refuses the same forms when a connection is changed', async () => {
    const [builtin] = (await guardedApi.get('/api/v1/connections')).body.data;
    for (const baseUrl of forms(trap.port)) {
      const changed = await guardedApi.patch(`/api/v1/connections/${builtin.id}`, { baseUrl, clientSecret: 'a-new-secret' });
      expect(changed.status, baseUrl).toBe(422);
      expect(changed.headers.get('content-type'), baseUrl).toContain(PROBLEM);
    }
    expect(trap.connections).toBe(0);
  });

  const privateName = async (): Promise<string | undefined> => {
    // A host name (not an address literal) that this machine resolves to the trap's loopback address.
    for (const name of [hostname(), 'localhost.localdomain', 'ip6-localhost']) {
      const answers = await lookup(name, { all: true }).catch(() => []);
      if (answers.length > 0 && answers.every(({ address }) => address === '127.0.0.1')) return name;
    }
    return undefined;
  };

  it('refuses at call time a name whose DNS answer is private, with a typed error and no connection', async (context) => {
    const name = await privateName();
    if (name === undefined) return context.skip();
    const created = await guardedApi.post('/api/v1/connections', autenti(`https://${name}:${trap.port}/api/v2/`, 'Rebound'));
    // The name looks public: accepted now, refused when it resolves.
    expect(created.status).toBe(201);
    const verified = await guardedApi.post(`/api/v1/connections/${created.body.id}/verify`);
    expect(verified.status).toBe(200);
    expect(verified.body.ok).toBe(false);
    expect(verified.body.detail).toContain(`${name} (which resolves to 127.0.0.1) is a private`);
    expect(verified.body.detail).toContain('COUNTERSIGN_ALLOW_PRIVATE_URLS');
    expect(trap.connections).toBe(0);
    await guardedApi.delete(`/api/v1/connections/${created.body.id}`);
  });

  it('lets COUNTERSIGN_ALLOW_PRIVATE_URLS open a local emulator over http', async () => {
    const emulatorFolder = temporaryDataDir();
    const emulator = await startAutentiSandbox({ port: 0, dataDir: emulatorFolder.dataDir });
    try {
      const client = (await (await fetch(`${emulator.url}/_sandbox/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"emulator"}' })).json()) as {
        clientId: string;
        clientSecret: string;
      };
      const created = await openedApi.post('/api/v1/connections', { ...autenti(`${emulator.url}/api/v2/`, 'Emulator'), clientId: client.clientId, clientSecret: client.clientSecret });
      expect(created.status).toBe(201);
      await fetch(`${emulator.url}/_sandbox/clients/${client.clientId}/public-key`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(created.body.publicJwk),
      });
      const verified = await openedApi.post(`/api/v1/connections/${created.body.id}/verify`);
      expect(verified.body).toMatchObject({ ok: true });
      // The allowance is for 127.0.0.1, not for every private address.
      expect((await openedApi.post('/api/v1/connections', autenti('http://10.0.0.1/api/v2/'))).status).toBe(422);
      await openedApi.delete(`/api/v1/connections/${created.body.id}`);
    } finally {
      await emulator.close();
      emulatorFolder.remove();
    }
  });

  it('never echoes a remote body that is not the provider’s error: the status and host only', async () => {
    const bodies = [
      { type: 'text/plain', body: INTERNAL_MARKER },
      { type: 'text/html', body: `<!doctype html><html><body><h1>Admin</h1><p>${INTERNAL_MARKER}</p></body></html>` },
      { type: 'application/json', body: JSON.stringify({ service: INTERNAL_MARKER }) },
    ];
    for (const answer of bodies) {
      const internal = await listen(() => ({ status: 400, ...answer }));
      try {
        const created = await openedApi.post('/api/v1/connections', autenti(`http://127.0.0.1:${internal.port}/api/v2/`, 'Internal'));
        expect(created.status).toBe(201);
        const verified = await openedApi.post(`/api/v1/connections/${created.body.id}/verify`);
        expect(verified.body.ok).toBe(false);
        expect(verified.body.detail).not.toContain('INTERNAL-ONLY');
        expect(verified.body.detail).not.toContain('redis_version');
        expect(verified.body.detail).toContain(`127.0.0.1:${internal.port}`);
        expect(verified.body.detail).toContain('HTTP 400');
        expect(JSON.stringify(verified.body.connection.health)).not.toContain('INTERNAL-ONLY');
        await openedApi.delete(`/api/v1/connections/${created.body.id}`);
      } finally {
        await internal.close();
      }
    }
  });
});

describe('finding 5: a changed URL does not carry the stored secret away', () => {
  it('refuses a new baseUrl without the secret, and the next verify goes where it went before', async () => {
    const [builtin] = (await openedApi.get('/api/v1/connections')).body.data;
    const before = { connections: trap.connections, bodies: trap.bodies.length };
    const attacker = `http://127.0.0.1:${trap.port}/api/v2/`;
    expect(isPublicAddress('127.0.0.1')).toBe(false); // reachable here only because this server opened it

    const changed = await openedApi.patch(`/api/v1/connections/${builtin.id}`, { baseUrl: attacker });
    expect(changed.status).toBe(422);
    expect(changed.headers.get('content-type')).toContain(PROBLEM);
    expect(changed.body.detail).toContain('type the client secret key (clientSecret) again with a new URL');
    expect(changed.body.errors).toEqual([{ path: 'clientSecret', message: expect.stringContaining('never sent to a new destination') }]);

    // Also with other credentials changed at the same time, and with a named environment.
    expect((await openedApi.patch(`/api/v1/connections/${builtin.id}`, { baseUrl: attacker, clientId: 'other' })).status).toBe(422);
    expect((await openedApi.patch(`/api/v1/connections/${builtin.id}`, { baseUrl: 'test' })).status).toBe(422);

    const verified = await openedApi.post(`/api/v1/connections/${builtin.id}/verify`);
    expect(verified.body.connection.baseUrl).toBe(`${opened.url}/sandbox/autenti/api/v2/`);
    expect(verified.body.ok).toBe(true);
    expect(trap.connections).toBe(before.connections);
    expect(trap.bodies.slice(before.bodies).join('')).not.toContain('client_secret');
  });

  it('accepts the same change when the secret is given again, and then calls only the new URL', async () => {
    const created = await openedApi.post('/api/v1/connections', autenti('sandbox', 'Moved'));
    expect(created.status).toBe(201);
    const moved = await openedApi.patch(`/api/v1/connections/${created.body.id}`, { baseUrl: `http://127.0.0.1:${trap.port}/api/v2/`, clientSecret: 'typed-again' });
    expect(moved.status).toBe(200);
    expect(moved.body.baseUrl).toBe(`http://127.0.0.1:${trap.port}/api/v2/`);
    // An unchanged URL needs no secret.
    expect((await openedApi.patch(`/api/v1/connections/${created.body.id}`, { baseUrl: `http://127.0.0.1:${trap.port}/api/v2/`, name: 'Renamed' })).status).toBe(200);
    await openedApi.delete(`/api/v1/connections/${created.body.id}`);
  });
});

describe('finding 3: the built-in sandbox’s callback URL', () => {
  it('refuses internal callback URLs at once, and never posts to them', async () => {
    const sandbox = `${guarded.url}/sandbox/autenti/_sandbox`;
    // The control routes need the key (an admin's); what is tested here is the URL check behind them.
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${guarded.apiKey}` };
    const client = (await (await fetch(`${sandbox}/clients`, { method: 'POST', headers, body: '{"name":"callbacks"}' })).json()) as { clientId: string };
    for (const url of [`http://127.0.0.1:${trap.port}/`, `http://localhost:${trap.port}/`, `http://[::1]:${trap.port}/`, 'http://169.254.169.254/latest/meta-data/', `http://127.1:${trap.port}/`]) {
      const response = await fetch(`${sandbox}/clients/${client.clientId}/callback`, { method: 'PUT', headers, body: JSON.stringify({ url }) });
      expect(response.status, url).toBe(400);
      expect(response.headers.get('content-type'), url).toContain(PROBLEM);
      expect(((await response.json()) as { detail: string }).detail, url).toMatch(/private|https URL/);
    }
    // The server's own callback address (what the built-in sandbox connection registers) stays allowed.
    // (The list masks callback URLs; the connection's own page shows the full one.)
    const [listed] = (await guardedApi.get('/api/v1/connections')).body.data;
    const builtin = (await guardedApi.get(`/api/v1/connections/${listed.id}`)).body;
    const own = await fetch(`${sandbox}/clients/${client.clientId}/callback`, { method: 'PUT', headers, body: JSON.stringify({ url: builtin.callbackUrl }) });
    expect(own.status).toBe(200);
    expect(trap.connections).toBe(0);
  });
});
