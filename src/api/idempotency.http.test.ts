import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider } from '../../test/support/fake-provider.js';
import { FIXTURES } from '../../test/support/fixtures.js';
import { createReadyEnvelope, startTestApi, TEST_API_KEY } from '../../test/support/app-context.js';
import { multipartBody } from '../../test/support/raw-http.js';
import type { AppContext } from '../app/context.js';
import { createEnvelope } from '../app/envelopes/envelopes.js';
import { SEND_JOB } from '../app/envelopes/sending.js';
import { beginIdempotentRequest } from '../app/idempotency.js';
import { ENVIRONMENT_PRINCIPAL } from '../app/principal.js';
import type { CountersignServer } from './server.js';

/**
 * A request with an Idempotency-Key is done once, whatever is lost on the way. Its action records what
 * it made in its own transaction; the answer is saved after. A process that dies between the two
 * leaves a claimed key with no answer: a retry, once the claim is abandoned (60 s), is answered from
 * what the action made. Here that crash's leftovers are made by hand (the answer wiped, the claim
 * aged); test/e2e/idempotency-crash.test.ts kills a real server there.
 */

let context: AppContext;
let connectionId: string;
let server: CountersignServer;
let close: () => Promise<void>;

beforeEach(async () => {
  ({ context, connectionId, server, close } = await startTestApi(createFakeProvider()));
});

afterEach(() => close());

const call = (method: 'GET' | 'POST', url: string, body?: unknown, key?: string) =>
  server.inject({
    method,
    url: `/api/v1${url}`,
    headers: {
      authorization: `Bearer ${TEST_API_KEY}`,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });

const upload = (key: string) =>
  server.inject({
    method: 'POST',
    url: '/api/v1/documents',
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'idempotency-key': key, 'content-type': 'multipart/form-data; boundary=b0undary' },
    payload: multipartBody('b0undary', readFileSync(FIXTURES.pdf), { filename: 'contract.pdf' }),
  });

const count = async (table: 'envelopes' | 'participants' | 'templates' | 'bulk_sends' | 'connections' | 'api_keys' | 'documents') =>
  Number((await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(context.db)).rows[0]!.n);

const sendJobs = async () => Number((await sql<{ n: number | string }>`SELECT count(*) AS n FROM jobs WHERE name = ${SEND_JOB}`.execute(context.db)).rows[0]!.n);

/** Every operation whose OpenAPI parameters name the Idempotency-Key header. */
function routesTakingTheKey(): string[] {
  const document = server.swagger() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>> };
  return Object.entries(document.paths)
    .flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.parameters?.some((parameter) => parameter.in === 'header' && parameter.name === 'idempotency-key'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

/** What a crash after the action's commit and before the answer's save leaves, 61 s later. */
async function loseAnswer(key: string): Promise<void> {
  const claimedAt = new Date(Date.now() - 61_000).toISOString();
  const changed = await sql`UPDATE idempotency_keys SET status_code = NULL, response_body = NULL, created_at = ${claimedAt} WHERE key = ${key}`.execute(context.db);
  expect(Number(changed.numAffectedRows)).toBe(1);
}

describe('a retry whose first answer was lost in a crash', () => {
  it('is answered from what the first request made, on every idempotent route, and nothing is done twice', async () => {
    const envelopeId = await createReadyEnvelope(context, connectionId);
    const template = (await call('POST', '/templates', { envelopeId, name: 'Rental' })).json();
    const routes: Array<{ name: string; request: (key: string) => ReturnType<typeof call>; status: number; made: Parameters<typeof count>[0] }> = [
      { name: 'POST /api/v1/envelopes', status: 201, made: 'envelopes', request: (key) => call('POST', '/envelopes', { title: 'Lease', documentIds: [], participants: [] }, key) },
      { name: 'POST /api/v1/envelopes/{envelopeId}/clone', status: 201, made: 'envelopes', request: (key) => call('POST', `/envelopes/${envelopeId}/clone`, {}, key) },
      {
        name: 'POST /api/v1/envelopes/{envelopeId}/participants',
        status: 201,
        made: 'participants',
        request: (key) => call('POST', `/envelopes/${envelopeId}/participants`, { firstName: 'Cleo', lastName: 'Carr', email: 'cleo@client.test', role: 'receiver' }, key),
      },
      { name: 'POST /api/v1/templates', status: 201, made: 'templates', request: (key) => call('POST', '/templates', { envelopeId, name: 'Lease' }, key) },
      {
        name: 'POST /api/v1/templates/{templateId}/envelopes',
        status: 201,
        made: 'envelopes',
        request: (key) =>
          call('POST', `/templates/${template.id}/envelopes`, { people: { signer1: { firstName: 'Ida', lastName: 'Ito', email: 'ida@client.test' }, signer2: { firstName: 'Jo', lastName: 'Jung', email: 'jo@client.test' } } }, key),
      },
      {
        name: 'POST /api/v1/templates/{templateId}/bulk-sends',
        status: 202,
        made: 'bulk_sends',
        request: (key) => call('POST', `/templates/${template.id}/bulk-sends`, { csv: 'signer1.firstName,signer1.lastName,signer1.email,signer2.firstName,signer2.lastName,signer2.email\nKai,Kim,kai@client.test,Lu,Lee,lu@client.test' }, key),
      },
      {
        name: 'POST /api/v1/connections',
        status: 201,
        made: 'connections',
        request: (key) =>
          call('POST', '/connections', { provider: 'autenti', name: 'Second', baseUrl: 'https://provider.example/api/', clientId: 'c2', clientSecret: 's2', accountEmail: 'two@acme.test' }, key),
      },
      { name: 'POST /api/v1/documents', status: 201, made: 'documents', request: upload },
    ];
    for (const route of routes) {
      const key = `lost-${route.name.replaceAll(/[^a-z]+/gi, '-')}`;
      const first = await route.request(key);
      expect(first.statusCode, `${route.name}: ${first.body}`).toBe(route.status);
      const made = await count(route.made);
      await loseAnswer(key);

      const retry = await route.request(key);
      expect(retry.statusCode, `${route.name}: ${retry.body}`).toBe(route.status);
      expect(retry.headers['idempotent-replayed'], route.name).toBe('true');
      expect(retry.json().id, route.name).toBe(first.json().id);
      expect(await count(route.made), route.name).toBe(made);
      // Answered from the resource, not saved: a third try is answered the same way.
      expect((await route.request(key)).json().id, route.name).toBe(first.json().id);
    }
    // With the send and the API key below: every route that takes the key.
    expect([...routes.map((route) => route.name), 'POST /api/v1/envelopes/{envelopeId}/send', 'POST /api/v1/keys'].sort()).toEqual(routesTakingTheKey());
  });

  it('sends an envelope once: the retried send answers 202 with it, and no second send job is queued', async () => {
    const envelopeId = await createReadyEnvelope(context, connectionId);
    expect((await call('POST', `/envelopes/${envelopeId}/send`, undefined, 'send-1')).statusCode).toBe(202);
    await loseAnswer('send-1');

    const retry = await call('POST', `/envelopes/${envelopeId}/send`, undefined, 'send-1');
    expect(retry.statusCode, retry.body).toBe(202);
    expect(retry.json()).toMatchObject({ id: envelopeId, status: 'sending' });
    expect(await sendJobs()).toBe(1);
  });

  it('of an API key says the secret is lost and which key to revoke, and makes no second key', async () => {
    const first = await call('POST', '/keys', { name: 'Reporting', scopes: ['envelopes:read'] }, 'key-1');
    expect(first.statusCode).toBe(201);
    await loseAnswer('key-1');

    const retry = await call('POST', '/keys', { name: 'Reporting', scopes: ['envelopes:read'] }, 'key-1');
    expect(retry.statusCode).toBe(409);
    expect(retry.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(retry.json().detail).toContain(`Revoke ${first.json().id}`);
    expect(await count('api_keys')).toBe(1);
  });

  it('runs the action when the first request died before its action committed', async () => {
    const body = { title: 'Lease', documentIds: [], participants: [] };
    const first = await call('POST', '/envelopes', body, 'died-early');
    expect(first.statusCode).toBe(201);
    // What a request that died before its action's commit leaves, 61 s on: the claim alone.
    await sql`DELETE FROM envelopes WHERE id = ${first.json().id}`.execute(context.db);
    await loseAnswer('died-early');
    await sql`UPDATE idempotency_keys SET resource_id = NULL WHERE key = 'died-early'`.execute(context.db);

    const retry = await call('POST', '/envelopes', body, 'died-early');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.json().id).not.toBe(first.json().id);
    expect(await count('envelopes')).toBe(1);
  });
});

describe('an action whose request outlived its claim', () => {
  it('is undone when a retry has taken its key over, so that only one of the two counts', async () => {
    const stale = await beginIdempotentRequest(context, 'env', 'slow', 'fingerprint');
    if (stale.kind !== 'claimed') throw new Error('expected a claim');
    // The retry, 61 s on, releases the abandoned claim and takes the key.
    await sql`UPDATE idempotency_keys SET created_at = ${new Date(Date.now() - 61_000).toISOString()}`.execute(context.db);
    const retry = await beginIdempotentRequest(context, 'env', 'slow', 'fingerprint');
    expect(retry.kind).toBe('claimed');

    const before = await count('envelopes');
    const apiRequest = { principal: ENVIRONMENT_PRINCIPAL, requestId: 'req-1', auditAction: undefined, targetId: null, idempotency: stale.claim };
    await expect(createEnvelope(context, { title: 'Lease', documentIds: [], participants: [] }, { source: 'api' }, {}, { apiRequest })).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
    expect(await count('envelopes')).toBe(before);
  });
});

describe('a saved answer', () => {
  it('is kept sealed (an API key’s holds its secret) and replayed whole', async () => {
    const first = await call('POST', '/keys', { name: 'Reporting', scopes: ['envelopes:read'] }, 'key-2');
    expect(first.statusCode).toBe(201);
    const secret: string = first.json().secret;
    const { rows } = await sql<{ response_body: string }>`SELECT response_body FROM idempotency_keys WHERE key = 'key-2'`.execute(context.db);
    expect(rows[0]!.response_body).not.toContain(secret);
    expect(rows[0]!.response_body).toMatch(/^v1\./);

    const retry = await call('POST', '/keys', { name: 'Reporting', scopes: ['envelopes:read'] }, 'key-2');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().secret).toBe(secret);
  });

  it('saved as plain JSON before answers were sealed is still replayed', async () => {
    const first = await call('POST', '/envelopes', { title: 'Lease', documentIds: [], participants: [] }, 'old-row');
    const payload = first.body;
    await sql`UPDATE idempotency_keys SET response_body = ${JSON.stringify({ contentType: 'application/json; charset=utf-8', payload })} WHERE key = 'old-row'`.execute(context.db);

    const retry = await call('POST', '/envelopes', { title: 'Lease', documentIds: [], participants: [] }, 'old-row');
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(payload);
  });
});
