import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry, type FakeProvider } from '../../../test/support/fake-provider.js';
import { createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import { ARCHIVE_RETRY_DELAYS_MS, ARCHIVE_SCHEDULED_ATTEMPTS } from '../../domain/archive.js';
import { InvalidStateError } from '../../domain/errors.js';
import { ProviderError } from '../../providers/errors.js';
import { up as migrateArchives } from '../../store/migrations/2026-12-04T10-00-envelope-archives.js';
import type { AppContext } from '../context.js';
import { listFeedEvents } from '../events/feed.js';
import { resumeArchives, retryArchive, runArchiveJob, type ArchiveJobData } from './archive.js';
import { ARTIFACTS_JOB, listArtifacts } from './artifacts.js';
import { getEnvelope } from './envelopes.js';
import { requestSend, runSendJob } from './sending.js';
import { applySnapshot } from './sync.js';

/**
 * The archive step of a completed envelope on its own schedule (archive.ts): each attempt recorded on
 * the envelope, the next one queued at the schedule's time, `failed` when it runs out, a person's "try
 * again", and the start's resumption. Against the fake adapter, on SQLite or PostgreSQL; the clock is
 * the test's, so that the schedule's times are exact.
 */

let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let connectionId: string;
let now: Date;

beforeEach(async () => {
  fake = createFakeProvider();
  ({ context, close } = await createTestContext(fakeRegistry(fake)));
  now = new Date('2026-12-02T08:00:00.000Z');
  context.now = () => now;
  connectionId = await createTestConnection(context);
});

afterEach(async () => {
  await close();
});

const refuseDownloads = () => {
  fake.download = () =>
    (async function* () {
      throw new ProviderError({ kind: 'unavailable', provider: 'autenti', message: 'Autenti is unavailable (503); the signed files will be fetched when it answers again.' });
    })();
};
const allowDownloads = () => {
  fake.download = (_reference, kind) =>
    (async function* () {
      yield { filename: `${kind}.pdf`, mediaType: 'application/pdf', open: async () => Readable.from([Buffer.from(`%PDF-1.7 ${kind}`)]) };
    })();
};

async function completedEnvelope(): Promise<string> {
  const id = await createReadyEnvelope(context, connectionId);
  await requestSend(context, id, { source: 'api' });
  const { reference } = (await runSendJob(context, { envelopeId: id }, jobContextOf(1))) as { reference: string };
  fake.report(reference, { status: 'completed', participants: { 'anna@client.test': { status: 'completed' }, 'bert@client.test': { status: 'completed' } } });
  await applySnapshot(context, id, await fake.fetch(reference), { source: 'sync' });
  return id;
}

/**
 * The archive jobs still ahead: what each attempts, and when. The tests run attempts by calling the
 * handler, so the job of an attempt made is left in the table; the queue would have completed it.
 */
async function queuedAttempts(envelopeId: string): Promise<Array<{ attempt: number; runAfter: string }>> {
  const made = (await getEnvelope(context, envelopeId)).archive?.attemptCount ?? 0;
  const rows = await sql<{ data: string; run_after: string }>`select data, run_after from jobs where name = ${ARTIFACTS_JOB} and state = 'created' order by run_after, id`.execute(context.db);
  return rows.rows
    .map((row) => ({ data: JSON.parse(row.data) as ArchiveJobData, runAfter: new Date(row.run_after).toISOString() }))
    .filter(({ data }) => data.envelopeId === envelopeId && data.attempt! > made)
    .map(({ data, runAfter }) => ({ attempt: data.attempt!, runAfter }));
}

const attempt = (envelopeId: string, number: number) => runArchiveJob(context, { envelopeId, attempt: number }, jobContextOf(1));
const archiveOf = async (id: string) => (await getEnvelope(context, id)).archive;

describe('the archive step of a completed envelope', () => {
  it('is null before completion; completion opens it pending, queues its first attempt and the envelope.completed event carries it', async () => {
    const id = await createReadyEnvelope(context, connectionId);
    expect(await archiveOf(id)).toBeNull();
    const completed = await completedEnvelope();
    expect(await archiveOf(completed)).toEqual({ status: 'pending', attemptCount: 0, lastError: null, nextAttemptAt: now.toISOString(), archivedAt: null });
    expect(await queuedAttempts(completed)).toEqual([{ attempt: 1, runAfter: now.toISOString() }]);
    const event = (await listFeedEvents(context, { limit: 100 })).data.find((candidate) => candidate.type === 'envelope.completed');
    expect(event?.data.envelope?.archive).toMatchObject({ status: 'pending', attemptCount: 0 });
  });

  it('records a failed attempt with its reason and the next time, queues that attempt, and a replayed attempt changes nothing', async () => {
    const id = await completedEnvelope();
    refuseDownloads();
    await attempt(id, 1);
    const next = new Date(now.getTime() + ARCHIVE_RETRY_DELAYS_MS[0]!).toISOString();
    expect(await archiveOf(id)).toEqual({ status: 'pending', attemptCount: 1, lastError: expect.stringContaining('Autenti is unavailable'), nextAttemptAt: next, archivedAt: null });
    expect(await queuedAttempts(id)).toContainEqual({ attempt: 2, runAfter: next });

    // Attempt 1 again (its job's end lost to a crash): already made, nothing recorded or queued twice.
    expect(await attempt(id, 1)).toMatchObject({ skipped: expect.any(String) });
    expect((await archiveOf(id))!.attemptCount).toBe(1);
    expect((await queuedAttempts(id)).filter((queued) => queued.attempt === 2)).toHaveLength(1);

    allowDownloads();
    now = new Date(next);
    expect(await attempt(id, 2)).toEqual({ stored: 1 });
    expect(await archiveOf(id)).toEqual({ status: 'archived', attemptCount: 2, lastError: null, nextAttemptAt: null, archivedAt: next });
    expect(await listArtifacts(context, id)).toHaveLength(1);
    const archivedEvents = (await listFeedEvents(context, { limit: 100 })).data.filter((event) => event.type === 'artifact.archived');
    expect(archivedEvents).toHaveLength(1);
  });

  it('goes on for days, then is failed with the reason and no attempt queued; "try again" makes one now', async () => {
    const id = await completedEnvelope();
    refuseDownloads();
    const started = now.getTime();
    for (let number = 1; number <= ARCHIVE_SCHEDULED_ATTEMPTS; number += 1) {
      await attempt(id, number);
      const archive = (await archiveOf(id))!;
      if (number < ARCHIVE_SCHEDULED_ATTEMPTS) now = new Date(archive.nextAttemptAt!);
    }
    expect(now.getTime() - started).toBeGreaterThan(3 * 24 * 3600_000);
    const failed = (await archiveOf(id))!;
    expect(failed).toMatchObject({ status: 'failed', attemptCount: ARCHIVE_SCHEDULED_ATTEMPTS, nextAttemptAt: null, archivedAt: null });
    expect(failed.lastError).toMatch(/^Autenti is unavailable/);
    expect(await queuedAttempts(id)).toEqual([]);

    const retried = await retryArchive(context, id);
    expect(retried.archive).toMatchObject({ status: 'pending', attemptCount: ARCHIVE_SCHEDULED_ATTEMPTS, nextAttemptAt: now.toISOString() });
    expect(await queuedAttempts(id)).toEqual([{ attempt: ARCHIVE_SCHEDULED_ATTEMPTS + 1, runAfter: now.toISOString() }]);
    // A person's attempt that fails again leaves it failed, not on a new schedule.
    await attempt(id, ARCHIVE_SCHEDULED_ATTEMPTS + 1);
    expect(await archiveOf(id)).toMatchObject({ status: 'failed', attemptCount: ARCHIVE_SCHEDULED_ATTEMPTS + 1 });

    await retryArchive(context, id);
    allowDownloads();
    expect(await attempt(id, ARCHIVE_SCHEDULED_ATTEMPTS + 2)).toEqual({ stored: 1 });
    expect(await archiveOf(id)).toMatchObject({ status: 'archived', lastError: null });
  });

  it('gives up at the first attempt when the provider deleted the files (gone): no schedule can bring them back', async () => {
    const id = await completedEnvelope();
    const gone = 'Workflow w1 was deleted at ConsignO Cloud, and its signed documents with it.';
    fake.download = () =>
      (async function* () {
        throw new ProviderError({ kind: 'gone', provider: 'consigno', message: gone });
      })();
    await attempt(id, 1);
    expect(await archiveOf(id)).toEqual({ status: 'failed', attemptCount: 1, lastError: gone, nextAttemptAt: null, archivedAt: null });
    expect(await queuedAttempts(id)).toEqual([]);
  });

  it('"try again" is refused while there is nothing to archive: not completed, or archived already', async () => {
    const draft = await createReadyEnvelope(context, connectionId);
    await expect(retryArchive(context, draft)).rejects.toThrow(InvalidStateError);
    await expect(retryArchive(context, draft)).rejects.toThrow(/only a completed envelope has signed files to archive/);

    const id = await completedEnvelope();
    allowDownloads();
    await attempt(id, 1);
    await expect(retryArchive(context, id)).rejects.toThrow(/archived at .*; there is nothing to try again/);
    expect(await queuedAttempts(id)).toEqual([]);
  });

  it('"try again" while an attempt is scheduled later runs one now; the scheduled one then finds it made', async () => {
    const id = await completedEnvelope();
    refuseDownloads();
    await attempt(id, 1);
    await retryArchive(context, id);
    expect((await queuedAttempts(id)).map((queued) => queued.runAfter)).toContain(now.toISOString());
    allowDownloads();
    expect(await attempt(id, 2)).toEqual({ stored: 1 });
    expect(await attempt(id, 2)).toMatchObject({ skipped: expect.any(String) });
    expect(await listArtifacts(context, id)).toHaveLength(1);
  });

  it('at start, queues the next attempt of every waiting archive whose job was lost, once', async () => {
    const id = await completedEnvelope();
    await sql`delete from jobs where name = ${ARTIFACTS_JOB}`.execute(context.db);
    expect(await resumeArchives(context)).toBe(1);
    expect(await resumeArchives(context)).toBe(1);
    expect(await queuedAttempts(id)).toEqual([{ attempt: 1, runAfter: now.toISOString() }]);
  });

  it('the migration opens the archive of envelopes completed before it: archived with their files, else pending and due', async () => {
    const withFiles = await completedEnvelope();
    const withoutFiles = await completedEnvelope();
    const draft = await createReadyEnvelope(context, connectionId);
    allowDownloads();
    await attempt(withFiles, 1);
    const [file] = await listArtifacts(context, withFiles);
    await sql`drop table envelope_archives`.execute(context.db);

    await migrateArchives(context.db);
    expect(await archiveOf(withFiles)).toEqual({ status: 'archived', attemptCount: 1, lastError: null, nextAttemptAt: null, archivedAt: file!.createdAt });
    expect(await archiveOf(withoutFiles)).toMatchObject({ status: 'pending', attemptCount: 0, lastError: null, archivedAt: null });
    expect(await archiveOf(draft)).toBeNull();
    expect((await sql<{ n: number }>`select count(*) as n from envelope_archives`.execute(context.db)).rows[0]!.n).toEqual(2);
  });
});
