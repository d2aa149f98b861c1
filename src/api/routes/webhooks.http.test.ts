import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry } from '../../../test/support/fake-provider.js';
import { buildTestServer, createReadyEnvelope, createTestConnection, createTestContext } from '../../../test/support/app-context.js';
import { createApiKey, hashSecret } from '../../app/api-keys.js';
import type { AppContext } from '../../app/context.js';
import { requestSend } from '../../app/envelopes/sending.js';
import { ENVIRONMENT_PRINCIPAL } from '../../app/principal.js';
import { ROLE_SCOPES } from '../../domain/roles.js';
import { listAuditEntries } from '../../store/audit-log.js';
import type { CountersignServer } from '../server.js';

/**
 * The webhook routes over the real HTTP stack (injected requests): who may call them, what they
 * refuse and how, and that a secret is answered once and never again.
 */

const KEY = 'test-key-0123456789abcdef0123456789';
let context: AppContext;
let close: () => Promise<void>;
let server: CountersignServer;

beforeEach(async () => {
  ({ context, close } = await createTestContext(fakeRegistry(createFakeProvider())));
  server = await buildTestServer(context, { environmentKeyHash: hashSecret(KEY) });
});

afterEach(async () => {
  await server.close();
  await close();
});

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, key = KEY) =>
  server.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

const problem = (answer: Awaited<ReturnType<typeof call>>) => {
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  return answer.json() as { status: number; detail: string; errors?: Array<{ path: string; message: string }>; requiredScope?: string };
};

describe('webhook endpoints over HTTP', () => {
  it('creates, lists, reads, changes and deletes an endpoint; the secret is in the creation answer only', async () => {
    const created = await call('POST', '/webhook-endpoints', { url: 'https://crm.example.com/hooks', events: ['envelope.completed', 'participant.signed'], description: 'CRM' });
    expect(created.statusCode, created.body).toBe(201);
    const endpoint = created.json();
    expect(endpoint).toMatchObject({ id: expect.stringMatching(/^whe_/), url: 'https://crm.example.com/hooks', events: ['envelope.completed', 'participant.signed'], enabled: true, disabledReason: null, secret: expect.stringMatching(/^whsec_/) });
    const secret = endpoint.secret as string;

    const listed = await call('GET', '/webhook-endpoints');
    expect(listed.json().data).toEqual([expect.objectContaining({ id: endpoint.id })]);
    const read = await call('GET', `/webhook-endpoints/${endpoint.id}`);
    for (const answer of [listed, read]) expect(answer.body).not.toContain(secret.slice('whsec_'.length));
    expect(read.json()).not.toHaveProperty('secret');

    const changed = await call('PATCH', `/webhook-endpoints/${endpoint.id}`, { events: null, description: null, enabled: false });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ events: null, description: null, enabled: false, disabledReason: 'Disabled by a request (enabled: false).' });
    expect(changed.body).not.toContain(secret.slice('whsec_'.length));

    const rotated = await call('POST', `/webhook-endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json()).toMatchObject({ id: endpoint.id, secret: expect.stringMatching(/^whsec_/), previousSecretExpiresAt: expect.any(String) });
    expect(rotated.json().secret).not.toBe(secret);

    expect((await call('DELETE', `/webhook-endpoints/${endpoint.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/webhook-endpoints/${endpoint.id}`)).statusCode).toBe(404);
    // Each change left its line in the audit log.
    const actions = (await listAuditEntries(context.db, { limit: 10 })).data.map((entry) => entry.action);
    expect(actions).toEqual(['webhook-endpoint.deleted', 'webhook-endpoint.secret-rotated', 'webhook-endpoint.updated', 'webhook-endpoint.created']);
  });

  it('refuses what it cannot take with a problem that says what to fix', async () => {
    const privateUrl = await call('POST', '/webhook-endpoints', { url: 'https://192.168.1.20/hooks' });
    expect(privateUrl.statusCode).toBe(422);
    expect(problem(privateUrl)).toMatchObject({ errors: [{ path: 'url', message: expect.stringMatching(/private, loopback .* COUNTERSIGN_ALLOW_PRIVATE_URLS/) }], detail: expect.stringMatching(/^url: 192\.168\.1\.20 is a private/) });

    const unknownType = await call('POST', '/webhook-endpoints', { url: 'https://crm.example.com/hooks', events: ['envelope.signed'] });
    expect(unknownType.statusCode).toBe(400);
    expect(problem(unknownType).errors?.[0]?.path).toMatch(/^events/);

    const emptyPatch = await call('PATCH', '/webhook-endpoints/whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C', {});
    expect(emptyPatch.statusCode).toBe(400);
    expect(problem(emptyPatch).detail).toBeTruthy();

    const missing = await call('POST', '/webhook-endpoints/whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C/test');
    expect(missing.statusCode).toBe(404);
    expect(problem(missing).detail).toBe('No webhook endpoint with id whe_01JD3Q0T2W7M5XKQ1Y9V8B6N4C exists.');

    const endpoint = (await call('POST', '/webhook-endpoints', { url: 'https://crm.example.com/hooks', enabled: false })).json();
    const disabled = await call('POST', `/webhook-endpoints/${endpoint.id}/test`);
    expect(disabled.statusCode).toBe(409);
    expect(problem(disabled).detail).toMatch(/is disabled .*Enable it first: PATCH \/api\/v1\/webhook-endpoints\/whe_\w+ with \{"enabled": true\}/);
  });

  it('is for administrators: a member gets 403 naming the scope', async () => {
    const member = { id: 'acc_mia', name: 'mia@client.test', kind: 'user' as const, accountId: null, role: 'member' as const, scopes: ROLE_SCOPES.member };
    const memberKey = (await createApiKey(context, member, { name: 'member key' })).secret;
    const refused = await call('GET', '/webhook-endpoints', undefined, memberKey);
    expect(refused.statusCode).toBe(403);
    expect(problem(refused).requiredScope).toBe('webhooks:admin');
    // A key given the scope by an admin may manage them.
    const scoped = (await createApiKey(context, ENVIRONMENT_PRINCIPAL, { name: 'webhooks', scopes: ['webhooks:admin'] })).secret;
    expect((await call('POST', '/webhook-endpoints', { url: 'https://crm.example.com/hooks' }, scoped)).statusCode).toBe(201);
  });

  it('lists the deliveries of an endpoint and of an envelope, and sends a ping', async () => {
    const endpoint = (await call('POST', '/webhook-endpoints', { url: 'https://crm.example.com/hooks', events: ['envelope.sending'] })).json();
    const envelopeId = await createReadyEnvelope(context, await createTestConnection(context));
    await requestSend(context, envelopeId, { source: 'api' });

    const ping = await call('POST', `/webhook-endpoints/${endpoint.id}/test`);
    expect(ping.statusCode).toBe(202);
    expect(ping.json()).toMatchObject({ eventType: 'ping', status: 'pending', attempts: [] });

    const log = await call('GET', `/webhook-endpoints/${endpoint.id}/deliveries?limit=1`);
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json()).toMatchObject({ data: [{ id: ping.json().id, eventType: 'ping' }], nextCursor: expect.any(String) });
    const next = await call('GET', `/webhook-endpoints/${endpoint.id}/deliveries?limit=1&cursor=${log.json().nextCursor}`);
    expect(next.json()).toMatchObject({ data: [{ eventType: 'envelope.sending', envelopeId, status: 'pending', attemptCount: 0 }], nextCursor: null });
    expect((await call('GET', `/webhook-endpoints/${endpoint.id}/deliveries?envelopeId=${envelopeId}`)).json().data).toHaveLength(1);
    expect((await call('GET', `/webhook-endpoints/${endpoint.id}/deliveries?status=delivered`)).json().data).toEqual([]);

    const ofEnvelope = await call('GET', `/envelopes/${envelopeId}/webhook-deliveries`);
    expect(ofEnvelope.json().data).toEqual([expect.objectContaining({ endpointId: endpoint.id, eventType: 'envelope.sending' })]);

    const pending = await call('POST', `/webhook-endpoints/${endpoint.id}/deliveries/${ping.json().id}/redeliver`);
    expect(pending.statusCode).toBe(409);
    expect(problem(pending).detail).toMatch(/still pending/);
  });
});
