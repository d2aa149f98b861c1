import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { localServers } from '../../../test/support/local-server.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { ProviderError } from '../errors.js';
import { createHttpClient, type HttpLogEvent } from '../http.js';
import { createConsignoClient } from './client.js';
import { consignoApiRoot, createConsignoProvider } from './index.js';
import { createConsignoSession, IDLE_RENEWAL_MS, type ConsignoCredentials } from './session.js';

const listen = localServers('/api/v1/');

const answer = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

const wrapped = (response: unknown) => ({ msg: 'OK', parameters: null, response });

const workflow = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: 'Lease', status: 1, actions: [], ...extra });

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Seen = { method?: string; url?: string; token?: string; clientId?: string; body: string };

/**
 * A small ConsignO: logs in with `{username: 'key', password: 'secret'}`, issues `tok-1`, `tok-2`…,
 * and lets each test decide how a workflow call is answered.
 */
async function consigno(onCall: (request: IncomingMessage, response: ServerResponse, seen: Seen) => unknown = (_q, response) => answer(response, 200, wrapped(workflow('w1')))) {
  const seen: Seen[] = [];
  let logins = 0;
  const url = await listen(async (request, response) => {
    const body = await bodyOf(request);
    const call: Seen = {
      method: request.method,
      url: request.url,
      ...(request.headers['x-auth-token'] ? { token: String(request.headers['x-auth-token']) } : {}),
      ...(request.headers['x-client-id'] ? { clientId: String(request.headers['x-client-id']) } : {}),
      body,
    };
    seen.push(call);
    if (request.url === '/api/v1/auth/login') {
      const { username, password } = JSON.parse(body) as { username: string; password: string };
      if (username !== 'key' || password !== 'secret') return answer(response, 401, { code: '4001', msg: 'Bad credentials' });
      logins += 1;
      return answer(response, 200, wrapped({ username, email: 'api@example.com' }), { 'x-auth-token': `tok-${logins}` });
    }
    await onCall(request, response, call);
  });
  return { url, seen, logins: () => logins };
}

function clientFor(baseUrl: string, options: { credentials?: ConsignoCredentials; now?: () => number; onAttempt?: (event: HttpLogEvent) => void } = {}) {
  const http = createHttpClient({
    provider: 'consigno',
    baseUrl,
    outbound: { allow: LOOPBACK_ALLOWED },
    sleep: async () => {},
    ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
  });
  const session = createConsignoSession(http, options.credentials ?? { username: 'key', password: 'secret' }, options.now);
  return { client: createConsignoClient(http, session), session };
}

describe('ConsignO session', () => {
  it('logs in on the first call and sends the token in X-Auth-Token, never in the URL or the logs', async () => {
    const server = await consigno();
    const events: HttpLogEvent[] = [];
    const { client } = clientFor(server.url, { onAttempt: (event) => events.push(event) });
    await client.getWorkflow('w1');
    await client.getWorkflow('w1');
    expect(server.seen.map((call) => [call.method, call.url, call.token])).toEqual([
      ['POST', '/api/v1/auth/login', undefined],
      ['GET', '/api/v1/workflows/w1', 'tok-1'],
      ['GET', '/api/v1/workflows/w1', 'tok-1'],
    ]);
    expect(JSON.stringify(events)).not.toContain('tok-1');
    expect(JSON.stringify(events)).not.toContain('secret');
  });

  it('adopts a rotated token from any answer', async () => {
    const server = await consigno((request, response) =>
      request.headers['x-auth-token'] === 'tok-1' ? answer(response, 200, wrapped(workflow('w1')), { 'x-auth-token': 'tok-rotated' }) : answer(response, 200, wrapped(workflow('w1'))),
    );
    const { client } = clientFor(server.url);
    await client.getWorkflow('w1');
    await client.getWorkflow('w1');
    expect(server.seen.slice(1).map((call) => call.token)).toEqual(['tok-1', 'tok-rotated']);
    expect(server.logins()).toBe(1);
  });

  it('logs in again once on a 401 4001 and repeats the call once', async () => {
    const server = await consigno((request, response) =>
      request.headers['x-auth-token'] === 'tok-1' ? answer(response, 401, { code: '4001', msg: 'Token expired' }) : answer(response, 200, wrapped(workflow('w1'))),
    );
    const { client } = clientFor(server.url);
    expect((await client.getWorkflow('w1')).id).toBe('w1');
    expect(server.seen.map((call) => [call.url, call.token])).toEqual([
      ['/api/v1/auth/login', undefined],
      ['/api/v1/workflows/w1', 'tok-1'],
      ['/api/v1/auth/login', undefined],
      ['/api/v1/workflows/w1', 'tok-2'],
    ]);
  });

  it('gives up after one new login when the token is refused again, in plain words', async () => {
    const server = await consigno((_request, response) => answer(response, 401, { code: '4001', msg: 'Token was replaced' }));
    const { client } = clientFor(server.url);
    const error = await client.getWorkflow('w1').catch((caught: unknown) => caught);
    expect(ProviderError.is(error, 'authentication')).toBe(true);
    expect((error as ProviderError).message).toContain('Token was replaced');
    expect(server.logins()).toBe(2);
  });

  it('makes one login for calls that start together', async () => {
    const server = await consigno();
    const { client } = clientFor(server.url);
    await Promise.all([client.getWorkflow('w1'), client.getWorkflow('w2'), client.getWorkflow('w3')]);
    expect(server.logins()).toBe(1);
    expect(server.seen.filter((call) => call.token === 'tok-1')).toHaveLength(3);
  });

  it('logs in again before a call after 25 minutes unused, not before', async () => {
    const server = await consigno();
    let clock = 1_000_000;
    const { client } = clientFor(server.url, { now: () => clock });
    await client.getWorkflow('w1');
    clock += IDLE_RENEWAL_MS - 1;
    await client.getWorkflow('w1');
    expect(server.logins()).toBe(1);
    clock += IDLE_RENEWAL_MS;
    await client.getWorkflow('w1');
    expect(server.logins()).toBe(2);
    expect(server.seen.at(-1)?.token).toBe('tok-2');
  });

  it('logs in as another user with the platform key and secret in X-Client-Id and X-Client-Secret', async () => {
    const server = await consigno();
    const { client } = clientFor(server.url, { credentials: { username: 'key', password: 'secret', clientId: 'platform', clientSecret: 'platform-secret' } });
    await client.getWorkflow('w1');
    expect(server.seen[0]).toMatchObject({ url: '/api/v1/auth/login', clientId: 'platform' });
    expect(JSON.parse(server.seen[0]!.body)).toEqual({ username: 'key', password: 'secret' });
  });

  it('says plainly that refused credentials are the username and password', async () => {
    const server = await consigno();
    const { client } = clientFor(server.url, { credentials: { username: 'key', password: 'wrong' } });
    const error = await client.getWorkflow('w1').catch((caught: unknown) => caught);
    expect(ProviderError.is(error, 'authentication')).toBe(true);
    expect((error as ProviderError).message).toMatch(/refused the username or password .*Bad credentials.*Settings → Connections/);
    expect(server.seen).toHaveLength(1);
  });
});

describe('ConsignO client', () => {
  it('reads ConsignO refusals as kinds with its own words and the field it names', async () => {
    const server = await consigno((request, response) => {
      if (request.url?.endsWith('/missing')) return answer(response, 404, { code: '5004', msg: 'Workflow not found', parameters: { id: 'missing' } });
      if (request.method === 'DELETE') return answer(response, 409, { code: '4009', msg: 'Workflow already deleted' });
      answer(response, 400, { code: '4000', msg: 'A phone number is required for sms', parameters: { field: 'actions[0].signer.phone' } });
    });
    const { client } = clientFor(server.url);
    await expect(client.getWorkflow('missing')).rejects.toMatchObject({ kind: 'not-found', httpStatus: 404, providerMessage: 'Workflow not found' });
    await expect(client.deleteWorkflow('w1')).rejects.toMatchObject({ kind: 'conflict', providerMessage: 'Workflow already deleted' });
    const refused = await client.createWorkflow({ name: 'Lease', status: 1, documents: [], actions: [] }).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ kind: 'validation', httpStatus: 400 });
    expect((refused as ProviderError).message).toContain('(field actions[0].signer.phone)');
    expect((refused as ProviderError).message).toContain('A phone number is required for sms');
  });

  it('turns a 429 into rate-limited with the wait Retry-After asks for', async () => {
    const server = await consigno((_request, response) => answer(response, 429, { code: '4029', msg: 'Slow down' }, { 'retry-after': '120' }));
    const { client } = clientFor(server.url);
    const error = await client.getWorkflow('w1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000, retryable: true });
  });

  it('uploads a PDF as multipart, streamed with its length, and reads the documentId', async () => {
    const pdf = Buffer.from('%PDF-1.7\nbody\n%%EOF\n');
    let received: { type?: string; length?: string; body: string } | undefined;
    const server = await consigno((request, response, seen) => {
      received = { type: request.headers['content-type'], length: request.headers['content-length'], body: seen.body };
      answer(response, 200, wrapped({ documentId: 'a'.repeat(24), name: 'lease.pdf', size: pdf.length, pages: 3, pdfa: false }));
    });
    const { client } = clientFor(server.url);
    const uploaded = await client.uploadDocument({ filename: 'lease.pdf', size: pdf.length, open: async () => Readable.from([pdf]) });
    expect(uploaded).toMatchObject({ documentId: 'a'.repeat(24), pages: 3 });
    expect(received!.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(received!.length)).toBe(Buffer.byteLength(received!.body));
    expect(received!.body).toContain('filename="lease.pdf"');
    expect(received!.body).toContain(pdf.toString('utf8'));
  });

  it('downloads with the token as the form field X-Auth-Token, as ConsignO asks for downloads', async () => {
    const server = await consigno((request, response) => {
      if (request.url?.endsWith('/audit')) return response.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-audit');
      answer(response, 404, { code: '5004', msg: 'not found' });
    });
    const { client } = clientFor(server.url);
    const chunks: Buffer[] = [];
    for await (const chunk of await client.openAuditTrail('w1')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-audit');
    const call = server.seen.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', url: '/api/v1/workflows/w1/audit' });
    expect(new URLSearchParams(call.body).get('X-Auth-Token')).toBe('tok-1');
  });

  it('refuses an answer of the wrong shape without guessing', async () => {
    const server = await consigno((_request, response) => answer(response, 200, { msg: 'OK', response: { id: 'w1' } }));
    const { client } = clientFor(server.url);
    await expect(client.getWorkflow('w1')).rejects.toMatchObject({ kind: 'unsupported', feature: 'response-shape' });
  });
});

describe('ConsignO adapter', () => {
  it('finds the API root under the URL an admin types', () => {
    expect(consignoApiRoot('https://consigno.example.com')).toBe('https://consigno.example.com/api/v1/');
    expect(consignoApiRoot('https://consigno.example.com/api/v1')).toBe('https://consigno.example.com/api/v1/');
    expect(consignoApiRoot('https://host.example.com/tenant/api/v1/?x=1')).toBe('https://host.example.com/tenant/api/v1/');
  });

  it('verifies by logging in and checking the token with HEAD /auth, and names the account', async () => {
    const server = await consigno((request, response) => (request.method === 'HEAD' && request.url === '/api/v1/auth' ? response.writeHead(200).end() : answer(response, 404, { code: '5004', msg: 'no' })));
    const adapter = createConsignoProvider({ id: 'con_1', provider: 'consigno', baseUrl: server.url, credentials: { username: 'key', password: 'secret' }, outbound: { allow: LOOPBACK_ALLOWED } });
    try {
      expect(await adapter.verify()).toEqual({ account: 'api@example.com' });
      expect(server.seen.map((call) => [call.method, call.url, call.token])).toEqual([
        ['POST', '/api/v1/auth/login', undefined],
        ['HEAD', '/api/v1/auth', 'tok-1'],
      ]);
    } finally {
      await adapter.dispose();
    }
  });

  it('refuses a login-as id without its secret before any call', async () => {
    const server = await consigno();
    const adapter = createConsignoProvider({ id: 'con_1', provider: 'consigno', baseUrl: server.url, credentials: { username: 'key', password: 'secret', clientId: 'platform' }, outbound: { allow: LOOPBACK_ALLOWED } });
    try {
      await expect(adapter.verify()).rejects.toMatchObject({ kind: 'authentication', message: expect.stringMatching(/id without its secret: give both .* or neither/) });
      expect(server.seen).toEqual([]);
    } finally {
      await adapter.dispose();
    }
  });

  it('reads the workflow a webhook names, and ignores anything else', async () => {
    const adapter = createConsignoProvider({ id: 'con_1', provider: 'consigno', baseUrl: 'https://consigno.example.com/api/v1', credentials: { username: 'key', password: 'secret' } });
    const callback = (body: string) => adapter.parseCallback({ method: 'POST', url: '/api/v1/callbacks/con_1/x', headers: { 'content-type': 'application/json' }, body });
    expect(await callback(JSON.stringify({ eventType: 'ACTION_COMPLETED', workflowId: 'b'.repeat(24), actionId: 'c'.repeat(24), workflowStatus: 1, timestamp: 1 }))).toEqual({ reference: 'b'.repeat(24) });
    expect(await callback('not json')).toBeNull();
    expect(await callback(JSON.stringify({ eventType: 'WORKFLOW_LAUNCHED' }))).toBeNull();
    await adapter.dispose();
  });
});
