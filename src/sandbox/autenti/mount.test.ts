import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { autentiSandbox } from './index.js';
import { createTestClient, postJson, samplePdf, sendAs, tokenFor, uploadFile, type RunningSandbox } from './test-helpers.js';

// Mounted the way the main server does it: under /sandbox/autenti, next to a parent that has its own
// multipart plugin, JSON parser and 404 handler.
let app: FastifyInstance;
let dataDir: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'autenti-mount-'));
  app = Fastify({ forceCloseConnections: true });
  await app.register(multipart);
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ parent: true }));
  await app.register(autentiSandbox, { prefix: '/sandbox/autenti', dataDir });
  app.get('/health', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  sandbox = { url: `${origin}/sandbox/autenti`, api: `${origin}/sandbox/autenti/api/v2`, dataDir, close: async () => undefined };
});
afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

it('serves the API under the prefix and builds mailbox links with it', async () => {
  const client = await createTestClient(sandbox);
  const token = await tokenFor(sandbox, client, 'mounted@example.com');
  const { id } = (await (await postJson(`${sandbox.api}/document-processes`, { title: 'Mounted', parties: [{ party: { firstName: 'M', lastName: 'S', email: 'mounted.signer@example.com' }, role: 'SIGNER' }] }, { authorization: `Bearer ${token}` })).json()) as { id: string };
  expect((await uploadFile(sandbox.api, token, id, { filename: 'm.pdf', mimeType: 'application/pdf', bytes: await samplePdf() })).status).toBe(200);
  expect((await sendAs(sandbox.api, token, id)).status).toBe(200);
  const [mail] = (await (await fetch(`${sandbox.url}/_sandbox/mailbox?to=mounted.signer@example.com`)).json()) as { link: string }[];
  expect(mail!.link).toMatch(new RegExp(`^${sandbox.url}/_sandbox/sign/[\\w-]+$`));
  expect((await fetch(mail!.link)).status).toBe(200);
  const calls = (await (await fetch(`${sandbox.url}/_sandbox/calls`)).json()) as { path: string }[];
  expect(calls.some((call) => call.path === '/api/v2/document-processes')).toBe(true);
  expect(await (await fetch(`${sandbox.api}/nothing-here`)).json()).toMatchObject({ type: '/not-found' });
  // The parent keeps its own parsers and handlers.
  expect((await fetch(`${sandbox.url.replace('/sandbox/autenti', '')}/health`)).status).toBe(200);
});
