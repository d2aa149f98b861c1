import type { AppContext } from './context.js';
import { CONVERT_JOB, resumeConversions, runConvertJob } from './documents/renditions.js';
import { ENVELOPE_ACTION_JOB, runEnvelopeActionJob, type EnvelopeActionJobData } from './envelopes/actions.js';
import { ARTIFACTS_JOB, archiveArtifacts } from './envelopes/artifacts.js';
import { SEND_JOB, resumeStalledSends, runSendJob } from './envelopes/sending.js';
import { SYNC_ALL_JOB, SYNC_ENVELOPE_JOB, runSyncAllJob, runSyncEnvelopeJob } from './envelopes/sync.js';
import { purgeOldIdempotencyKeys } from './idempotency.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/**
 * Sends at once. A send job spends nearly all its time waiting on the provider's answers, so more of
 * them overlap well; each connection's rate limiter (providers/rate-limit.ts) still paces the calls.
 */
const SEND_CONCURRENCY = 8;

/**
 * The job handlers the server works, and the recurring jobs it keeps scheduled. A recurring job
 * schedules its next run itself, keyed by the time slot it is for, so a restart never doubles it.
 */
export async function registerJobs(context: AppContext, options: { syncIntervalMinutes: number; jobRetentionDays: number; convertConcurrency?: number }): Promise<void> {
  context.queue.work<{ documentId: string }>(CONVERT_JOB, (data, job) => runConvertJob(context, data, job), { concurrency: options.convertConcurrency ?? 1 });
  context.queue.work<{ envelopeId: string }>(SEND_JOB, (data, job) => runSendJob(context, data, job), { concurrency: SEND_CONCURRENCY });
  context.queue.work<{ envelopeId: string }>(SYNC_ENVELOPE_JOB, (data, job) => runSyncEnvelopeJob(context, data, job), { concurrency: 2 });
  context.queue.work<{ envelopeId: string }>(ARTIFACTS_JOB, (data, job) => archiveArtifacts(context, data, job.signal));
  context.queue.work<EnvelopeActionJobData>(ENVELOPE_ACTION_JOB, (data, job) => runEnvelopeActionJob(context, data, job), { concurrency: 2 });
  context.queue.work(SYNC_ALL_JOB, async (data: { scheduled?: boolean }, job) => {
    try {
      await resumeStalledSends(context);
      return await runSyncAllJob(context, job);
    } finally {
      if (data.scheduled) await scheduleSync(context, options.syncIntervalMinutes);
    }
  });

  context.queue.work('idempotency-keys-purge', async () => {
    const removed = await purgeOldIdempotencyKeys(context);
    await scheduleIdempotencyPurge(context, new Date(context.now().getTime() + HOUR_MS));
    return { removed };
  });
  // Completed jobs are deleted after the retention period, so that nothing (callbacks included) can
  // grow the jobs table without end; dead jobs stay for an operator to inspect.
  context.queue.work('jobs-purge', async () => {
    const removed = await context.queue.purgeCompleted(new Date(context.now().getTime() - options.jobRetentionDays * DAY_MS));
    await scheduleJobsPurge(context, new Date(context.now().getTime() + HOUR_MS));
    return { removed };
  });
  await scheduleIdempotencyPurge(context, context.now());
  await scheduleJobsPurge(context, context.now());
  await scheduleSync(context, options.syncIntervalMinutes);
  await resumeStalledSends(context);
  await resumeConversions(context);
}

async function scheduleIdempotencyPurge(context: AppContext, runAfter: Date): Promise<void> {
  const hour = runAfter.toISOString().slice(0, 13);
  await context.queue.enqueue('idempotency-keys-purge', {}, { runAfter, singletonKey: hour });
}

async function scheduleJobsPurge(context: AppContext, runAfter: Date): Promise<void> {
  const hour = runAfter.toISOString().slice(0, 13);
  await context.queue.enqueue('jobs-purge', {}, { runAfter, singletonKey: hour });
}

/** The delta sync on a schedule (COUNTERSIGN_SYNC_INTERVAL_MINUTES; 0 turns it off). */
async function scheduleSync(context: AppContext, intervalMinutes: number): Promise<void> {
  if (intervalMinutes <= 0) return;
  const intervalMs = intervalMinutes * 60_000;
  const slot = Math.ceil((context.now().getTime() + 1) / intervalMs) * intervalMs;
  await context.queue.enqueue(SYNC_ALL_JOB, { scheduled: true }, { runAfter: new Date(slot), singletonKey: `scheduled-${slot}`, maxAttempts: 1 });
}
