import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestClient, postJson, startTestSandbox, tokenFor, type RunningSandbox, type TestClient } from './test-helpers.js';

let sandbox: RunningSandbox;
let client: TestClient;
let token: string;

const setFaults = (body: unknown) => fetch(`${sandbox.url}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const tags = (bearer = token) => fetch(`${sandbox.api}/tags`, { headers: { authorization: `Bearer ${bearer}` } });

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = await createTestClient(sandbox);
  token = await tokenFor(sandbox, client, 'faulty@example.com');
});
afterEach(async () => {
  await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
});
afterAll(async () => sandbox?.close());

describe('fault knobs', () => {
  it('answers every N-th API call with 429 and Retry-After', async () => {
    expect((await setFaults({ rateLimit: { every: 2, retryAfterSeconds: 7 } })).status).toBe(200);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i += 1) {
      const response = await tags();
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 429, 200, 429]);
    expect(retryAfter).toBe('7');
    // /_sandbox routes are never faulted.
    expect((await fetch(`${sandbox.url}/_sandbox/faults`)).status).toBe(200);
  });

  it('answers a share of API calls with 500/503', async () => {
    await setFaults({ errorRate: 1, errorStatuses: [503] });
    const unavailable = await tags();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expect(((await unavailable.json()) as { type: string }).type).toBe('/service-unavailable');

    await setFaults({ errorRate: 0.5, errorStatuses: [500, 503] });
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i += 1) statuses.add((await tags()).status);
    expect([...statuses].sort()).toEqual([200, 500, 503]);
    expect((await setFaults({ errorRate: 2 })).status).toBe(400);
  });

  it('expires every token on demand; a new one works', async () => {
    const before = await tokenFor(sandbox, client, 'expiring@example.com');
    expect((await tags(before)).status).toBe(200);
    const knobs = (await (await setFaults({ expireTokensNow: true })).json()) as { tokensInvalidBefore: string };
    expect(knobs.tokensInvalidBefore).toMatch(/^\d{4}-/);
    const refused = await tags(before);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/revoked/);
    expect((await tags(await tokenFor(sandbox, client, 'expiring@example.com'))).status).toBe(200);
    token = await tokenFor(sandbox, client, 'faulty@example.com');
  });
});

describe('call recording', () => {
  it('records API calls with the authorization and secrets redacted', async () => {
    await fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
    await tags();
    await postJson(`${sandbox.api}/auth/token`, { grant_type: 'password', client_id: 'autenti', client_secret: 'autenti', username: 'a@example.com', password: 'secret' });
    const calls = (await (await fetch(`${sandbox.url}/_sandbox/calls`)).json()) as { seq: number; method: string; path: string; headers: Record<string, string>; body?: Record<string, string>; status: number }[];
    expect(calls.map((call) => [call.method, call.path, call.status])).toEqual([
      ['GET', '/api/v2/tags', 200],
      ['POST', '/api/v2/auth/token', 200],
    ]);
    expect(calls[0]!.headers.authorization).toBe('Bearer [redacted]');
    expect(calls[1]!.body).toMatchObject({ client_secret: '[redacted]', password: '[redacted]', username: 'a@example.com' });
    const since = (await (await fetch(`${sandbox.url}/_sandbox/calls?since=${calls[0]!.seq}`)).json()) as unknown[];
    expect(since).toHaveLength(1);
  });
});
