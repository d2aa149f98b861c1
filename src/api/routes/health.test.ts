import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry } from '../../../test/support/fake-provider.js';
import { buildTestServer, createTestContext } from '../../../test/support/app-context.js';
import type { AppContext } from '../../app/context.js';
import type { CountersignServer } from '../server.js';

/** `/health` and `/health/ready` over the real HTTP stack (injected requests), on a fresh database. */

let context: AppContext;
let close: () => Promise<void>;
let server: CountersignServer;
let queueRunning: boolean;

beforeEach(async () => {
  ({ context, close } = await createTestContext(fakeRegistry(createFakeProvider())));
  queueRunning = true;
  server = await buildTestServer(context, { readiness: { queueRunning: () => queueRunning } });
});

afterEach(async () => {
  await server.close();
  await close();
});

const ready = async () => {
  const response = await server.inject({ method: 'GET', url: '/health/ready' });
  return { status: response.statusCode, body: response.json() };
};

describe('GET /health/ready', () => {
  it('is ready, without a key, when the database answers, its schema is current and the queue runs', async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'ok', migrations: 'ok', queue: 'ok' } } });
  });

  it('is unavailable while the queue does not run (starting or stopping), and /health still answers', async () => {
    queueRunning = false;
    expect(await ready()).toEqual({ status: 503, body: { status: 'unavailable', checks: { database: 'ok', migrations: 'ok', queue: 'not running' } } });
    expect((await server.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('names the migrations the database has not run', async () => {
    await sql`delete from kysely_migration where name = ${'2026-12-01T05-00-read-indexes'}`.execute(context.db);
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.checks.migrations).toBe('pending: 2026-12-01T05-00-read-indexes');
  });

  it('says the database is unreachable without passing on the driver message', async () => {
    // The connection closed under the server, as when the database goes away.
    await context.db.destroy();
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.checks).toEqual({ database: 'unreachable', migrations: 'unknown', queue: 'ok' });
    expect(JSON.stringify(body)).not.toContain('destroyed');
  });
});
