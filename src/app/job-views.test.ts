import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../domain/errors.js';
import { createTableQueue } from '../jobs/table-queue.js';
import type { Db } from '../store/database.js';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import type { AppContext } from './context.js';
import { getJob } from './job-views.js';

let database: TestDatabase;
let db: Db;
let context: AppContext;

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
  // Only what reading a job touches.
  context = { db, queue: createTableQueue(db) } as unknown as AppContext;
});

afterEach(async () => {
  await database.close();
});

async function envelopeOf(createdBy: string, visibility: 'private' | 'shared'): Promise<string> {
  const id = `env_${createdBy}_${visibility}`;
  const at = '2026-11-30T10:00:00.000Z';
  await db
    .insertInto('envelopes')
    .values({
      id, title: 'A deal', message: null, language: null, connection_id: null, status: 'sending', status_reason: null, expires_at: null,
      external_ref: null, metadata: null, provider: null, provider_reference: null, created_at: at, updated_at: at, send_checkpoint: null,
      sent_at: null, completed_at: null, last_synced_at: null, created_by: createdBy, visibility,
    })
    .execute();
  return id;
}

describe('getJob', () => {
  it('shows a job about an envelope only to those who may see that envelope', async () => {
    const privateJob = await context.queue.enqueue('send-envelope', { envelopeId: await envelopeOf('acc_anna', 'private') });
    const sharedJob = await context.queue.enqueue('send-envelope', { envelopeId: await envelopeOf('acc_anna', 'shared') });

    expect((await getJob(context, privateJob, { accountId: 'acc_anna' })).id).toBe(privateJob);
    expect((await getJob(context, privateJob)).id).toBe(privateJob); // envelopes:all
    await expect(getJob(context, privateJob, { accountId: 'acc_bob' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getJob(context, sharedJob, { accountId: 'acc_bob' })).id).toBe(sharedJob);
  });

  it('shows a job about no envelope (a sync of everything) to anyone who may read jobs', async () => {
    const syncAll = await context.queue.enqueue('sync-all', {});
    expect((await getJob(context, syncAll, { accountId: 'acc_bob' })).name).toBe('sync-all');
  });
});
