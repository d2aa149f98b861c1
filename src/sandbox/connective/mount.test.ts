import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectiveSandbox, startConnectiveSandbox, type ConnectiveSandboxControl } from './index.js';
import { control, createApiClient, draftWithSigners, startTestSandbox, type RunningSandbox } from './test-helpers.js';

// Mounted the way the main server does it: under /sandbox/connective, next to a parent that has its own
// multipart plugin, JSON parser and 404 handler; and guarded, standalone with --token.
let app: FastifyInstance;
let dataDir: string;
let mounted: RunningSandbox;
let programmatic: ConnectiveSandboxControl | null = null;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'connective-mount-'));
  app = Fastify({ forceCloseConnections: true });
  await app.register(multipart);
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ parent: true }));
  await app.register(connectiveSandbox, { prefix: '/sandbox/connective', dataDir, onControl: (given) => (programmatic = given) });
  app.get('/health', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  mounted = { url: `${origin}/sandbox/connective`, api: `${origin}/sandbox/connective/webportalapi/v3/`, dataDir, controlHeaders: {}, close: async () => undefined };
});
afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('mounted under a prefix', () => {
  it('serves the API under the prefix, builds ActionUrls and mail links with it, and logs paths relative to the mount', async () => {
    const client = await createApiClient(mounted);
    const { packageId } = await draftWithSigners(client, [{ email: 'mounted@example.com', orderIndex: 1 }]);
    const status = await client.json<{ Stakeholders: Array<{ Actors: Array<{ ActionUrl: string }> }> }>('PUT', `packages/${packageId}/status`, { Status: 'Pending' });
    const actionUrl = status.Stakeholders[0]!.Actors[0]!.ActionUrl;
    expect(actionUrl).toMatch(new RegExp(`^${mounted.url}/_sandbox/sign/[\\w-]+$`));
    expect((await fetch(actionUrl)).status).toBe(200);
    const [mail] = (await (await control(mounted, 'GET', 'mailbox?to=mounted@example.com')).json()) as Array<{ link: string }>;
    expect(mail!.link).toBe(actionUrl);
    const calls = (await (await control(mounted, 'GET', 'calls')).json()) as Array<{ path: string }>;
    expect(calls.some((call) => call.path === '/webportalapi/v3/packages')).toBe(true);
    const missing = await client.call('GET', 'nothing-here');
    expect(((await missing.json()) as { ErrorCode: string }).ErrorCode).toBe('Resource.NotFound');
    expect((await fetch(`${mounted.url.replace('/sandbox/connective', '')}/health`)).status).toBe(200);
  });

  it('hands the mounting server an in-process control that creates API users', async () => {
    const user = await programmatic!.createApiUser({ name: 'Countersign (built-in)' });
    const response = await fetch(`${mounted.api}packages`, { headers: { authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` } });
    expect(response.status).toBe(200);
  });
});

describe('guarded with --token', () => {
  const token = `guard-${randomUUID()}`;
  let guarded: RunningSandbox;
  beforeAll(async () => {
    guarded = await startTestSandbox({ token });
  });
  afterAll(async () => guarded?.close());

  it('refuses the control routes without the token (401 problem+json: they are the sandbox’s, not Connective’s), opens them with it; signing pages stay reachable by link', async () => {
    for (const [method, path] of [['POST', 'api-users'], ['GET', 'calls'], ['PUT', 'faults'], ['GET', 'mailbox'], ['GET', 'sms'], ['POST', 'clock']] as const) {
      const response = await fetch(`${guarded.url}/_sandbox/${path}`, { method, headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' }, ...(method === 'GET' ? {} : { body: '{}' }) });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 401, errorCode: 'Authentication.Failed', detail: expect.stringContaining('--token') });
    }
    const client = await createApiClient(guarded);
    const { packageId } = await draftWithSigners(client, [{ email: 'guarded@example.com', orderIndex: 1 }]);
    const status = await client.json<{ Stakeholders: Array<{ Actors: Array<{ ActionUrl: string }> }> }>('PUT', `packages/${packageId}/status`, { Status: 'Pending' });
    expect((await fetch(status.Stakeholders[0]!.Actors[0]!.ActionUrl)).status).toBe(200);
  });

  it('will not listen beyond loopback without a token', async () => {
    await expect(startConnectiveSandbox({ dataDir: guarded.dataDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(/--token/);
  });
});
