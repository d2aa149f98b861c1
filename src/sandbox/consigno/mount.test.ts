import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { consignoSandbox, startConsignoSandbox, type ConsignoSandboxControl } from './index.js';
import { control, createApiClient, login, startTestSandbox, workflowBody, type RunningSandbox, type WorkflowView } from './test-helpers.js';

// Mounted the way the main server does it: under /sandbox/consigno, next to a parent that has its own
// multipart plugin and 404 handler; and guarded, standalone with --token.
let app: FastifyInstance;
let dataDir: string;
let mounted: RunningSandbox;
let programmatic: ConsignoSandboxControl | null = null;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'consigno-mount-'));
  app = Fastify({ forceCloseConnections: true });
  await app.register(multipart);
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ parent: true }));
  await app.register(consignoSandbox, { prefix: '/sandbox/consigno', dataDir, outbound: { allow: LOOPBACK_ALLOWED }, onControl: (given) => (programmatic = given) });
  app.get('/health', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  mounted = { url: `${origin}/sandbox/consigno`, api: `${origin}/sandbox/consigno/api/v1`, dataDir, controlHeaders: {}, close: async () => undefined };
});
afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('mounted under a prefix', () => {
  it('serves the API under the prefix, builds signing URLs and mail links with it, and logs paths relative to the mount', async () => {
    const client = await createApiClient(mounted);
    const created = await client.json<WorkflowView>(
      'POST',
      'workflows',
      await workflowBody([
        { email: 'mounted@example.com' },
        { email: 'embedded@example.com', mode: 'embedded', returnUrl: 'https://example.com/back' },
      ]),
    );
    const [mail] = (await (await control(mounted, 'GET', 'mailbox?to=mounted@example.com')).json()) as Array<{ link: string }>;
    expect(mail!.link).toMatch(new RegExp(`^${mounted.url}/_sandbox/sign/[\\w-]+$`));
    expect((await fetch(mail!.link)).status).toBe(200);
    await control(mounted, 'POST', `workflows/${created.id}/signers/mounted@example.com/actions`, { action: 'sign' });
    const after = await client.json<WorkflowView>('GET', `workflows/${created.id}`);
    expect(after.actions[1]!.signingUrl).toMatch(new RegExp(`^${mounted.url}/_sandbox/sign/`));
    const calls = (await (await control(mounted, 'GET', 'calls')).json()) as Array<{ path: string }>;
    expect(calls.some((call) => call.path === '/api/v1/workflows')).toBe(true);
    const missing = await client.call('GET', 'nothing-here');
    expect(((await missing.json()) as { code: string }).code).toBe('5004');
    expect((await fetch(`${mounted.url.replace('/sandbox/consigno', '')}/health`)).status).toBe(200);
  });

  it('hands the mounting server an in-process control that creates API users with their settings', async () => {
    const user = await programmatic!.createApiUser({ name: 'Countersign (built-in)', secondFactorRequired: false });
    const token = await login(mounted, user.username, user.password);
    expect((await fetch(`${mounted.api}/auth`, { method: 'HEAD', headers: { 'x-auth-token': token } })).status).toBe(200);
  });
});

describe('guarded with --token', () => {
  const token = `guard-${randomUUID()}`;
  let guarded: RunningSandbox;
  beforeAll(async () => {
    guarded = await startTestSandbox({ token });
  });
  afterAll(async () => guarded?.close());

  it('refuses the control routes without the token (401 problem+json), opens them with it; signing pages stay reachable by link', async () => {
    for (const [method, path] of [['POST', 'api-users'], ['PATCH', 'api-users/x'], ['GET', 'calls'], ['PUT', 'faults'], ['GET', 'mailbox'], ['GET', 'sms'], ['POST', 'clock'], ['GET', 'workflows/x']] as const) {
      const response = await fetch(`${guarded.url}/_sandbox/${path}`, { method, headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' }, ...(method === 'GET' ? {} : { body: '{}' }) });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 401, code: '4001', detail: expect.stringContaining('--token') });
    }
    const client = await createApiClient(guarded);
    await client.json('POST', 'workflows', await workflowBody([{ email: 'guarded@example.com' }]));
    const [mail] = (await (await control(guarded, 'GET', 'mailbox?to=guarded@example.com')).json()) as Array<{ link: string }>;
    expect((await fetch(mail!.link)).status).toBe(200);
  });

  it('will not listen beyond loopback without a token', async () => {
    await expect(startConsignoSandbox({ dataDir: guarded.dataDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(/--token/);
  });
});
