import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry } from '../../test/support/fake-provider.js';
import { buildTestServer, createTestContext } from '../../test/support/app-context.js';
import { hashSecret } from '../app/api-keys.js';
import { nulPath } from './nul-characters.js';
import type { CountersignServer } from './server.js';

/** U+0000 refused at the edge with the field named: PostgreSQL cannot store it, SQLite could. */

const KEY = 'test-key-nul-characters-0123456789';
let server: CountersignServer;
let close: () => Promise<void>;

beforeEach(async () => {
  const created = await createTestContext(fakeRegistry(createFakeProvider()));
  close = created.close;
  server = await buildTestServer(created.context, { environmentKeyHash: hashSecret(KEY) });
});

afterEach(async () => {
  await server.close();
  await close();
});

const request = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  server.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${KEY}` } });

describe('requests holding U+0000', () => {
  it('refuses a NUL in a JSON field with a 400 problem naming the field, and takes a clean one', async () => {
    const envelope = { documentIds: [], participants: [] };
    const refused = await request('POST', '/api/v1/envelopes', { ...envelope, title: 'Boat\u0000rental' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toBe('title: must not contain the NUL character (U+0000).');
    const clean = await request('POST', '/api/v1/envelopes', { ...envelope, title: 'Boat rental' });
    expect(clean.statusCode, clean.body).toBe(201);
  });

  it('names a nested field, and a query parameter', async () => {
    const nested = await request('POST', '/api/v1/envelopes', { title: 'Boat', participants: [{ firstName: 'A\u0000', lastName: 'B', email: 'a@example.com', role: 'signer' }] });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().detail).toBe('participants[0].firstName: must not contain the NUL character (U+0000).');
    const query = await request('GET', '/api/v1/envelopes?q=boat%00');
    expect(query.statusCode).toBe(400);
    expect(query.json().detail).toBe('query.q: must not contain the NUL character (U+0000).');
  });

  it('finds NUL in object keys and array items, and nothing in clean values', () => {
    expect(nulPath({ metadata: { 'a\u0000': 1 } }, '')).toBe('metadata.a\u0000');
    expect(nulPath({ tags: ['x', 'y\u0000'] }, '')).toBe('tags[1]');
    expect(nulPath({ title: 'clean', size: 3, list: [null, true] }, '')).toBeUndefined();
  });
});
