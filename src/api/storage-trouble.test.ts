import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestServer, createTestContext } from '../../test/support/app-context.js';
import { TEST_DIALECT } from '../../test/support/database.js';
import { createFakeProvider, fakeRegistry } from '../../test/support/fake-provider.js';
import { TEST_DATABASE_SERVER } from '../../test/support/postgres.js';
import { hashSecret } from '../app/api-keys.js';
import type { AppContext } from '../app/context.js';
import type { CountersignServer } from './server.js';

/**
 * Storage trouble during a request is a 503 problem with Retry-After that says what is wrong, and the
 * server goes on: on a real SQLite file made read-only (`PRAGMA query_only`), full (`max_page_count`)
 * or locked by another connection; on PostgreSQL, the server's connections terminated while the
 * database accepts no new ones. Each ends with the same server answering again once the trouble is over.
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

const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  server.inject({ method, url, headers: { authorization: `Bearer ${KEY}` }, ...(payload === undefined ? {} : { payload }) });
const createEnvelope = (title = 'Lease', message?: string) => call('POST', '/api/v1/envelopes', { title, ...(message ? { message } : {}), documentIds: [], participants: [] });

function expectStorageProblem(response: Awaited<ReturnType<typeof call>>, detail: RegExp, retryAfter: string): void {
  expect(response.statusCode).toBe(503);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['retry-after']).toBe(retryAfter);
  expect(response.json()).toMatchObject({ type: '/api/v1/problems/storage-unavailable', status: 503, detail: expect.stringMatching(detail) });
}

describe.skipIf(TEST_DIALECT !== 'sqlite')('on SQLite', () => {
  it('a read-only database refuses writes with 503 and goes on reading; writable again, it writes', async () => {
    await sql`pragma query_only = 1`.execute(context.db);
    expectStorageProblem(await createEnvelope(), /read-only.*make it writable/, '60');
    expect((await call('GET', '/api/v1/envelopes')).statusCode).toBe(200);
    await sql`pragma query_only = 0`.execute(context.db);
    expect((await createEnvelope()).statusCode).toBe(201);
  });

  it('a full database refuses with 503 "disk full", nothing half-created; given room, it writes', async () => {
    const before = (await call('GET', '/api/v1/envelopes?limit=100')).json().data.length;
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(context.db);
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(context.db);
    // Envelopes with long messages until the last free page is taken.
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    let created = 0;
    for (let attempt = 0; attempt < 200 && !refused; attempt += 1) {
      const response = await createEnvelope('Filler', randomBytes(1000).toString('hex'));
      if (response.statusCode === 201) created += 1;
      else refused = response;
    }
    expectStorageProblem(refused!, /disk holding Countersign’s data is full/, '60');
    expect((await call('GET', '/api/v1/envelopes?limit=100')).json().data).toHaveLength(before + created);

    await sql`pragma max_page_count = 1073741823`.execute(context.db);
    expect((await createEnvelope()).statusCode).toBe(201);
  });

  it('a database locked by another writer answers 503 "busy" once the wait runs out', async () => {
    const other = (await import('../store/database.js')).openSqlite({ filename: (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(context.db)).rows[0]!.file });
    try {
      await sql`pragma busy_timeout = 50`.execute(context.db);
      await sql`begin immediate`.execute(other);
      expectStorageProblem(await createEnvelope(), /database is busy/, '1');
      await sql`commit`.execute(other);
      expect((await createEnvelope()).statusCode).toBe(201);
    } finally {
      await other.destroy();
    }
  });
});

describe.skipIf(TEST_DIALECT !== 'postgres')('on PostgreSQL', () => {
  it('connections lost and refused answer 503 "unreachable"; once it accepts connections, the same server answers', async () => {
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(context.db)).rows[0]!.name;
    expect((await createEnvelope()).statusCode).toBe(201);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_SERVER });
    await admin.connect();
    try {
      await admin.query(`alter database "${name}" allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      expectStorageProblem(await call('GET', '/api/v1/envelopes'), /database cannot be reached/, '5');
      expectStorageProblem(await createEnvelope(), /database cannot be reached/, '5');
    } finally {
      await admin.query(`alter database "${name}" allow_connections true`);
      await admin.end();
    }
    expect((await call('GET', '/api/v1/envelopes')).statusCode).toBe(200);
    expect((await createEnvelope()).statusCode).toBe(201);
  });
});
