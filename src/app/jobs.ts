import type { AppContext } from './context.js';
import { CONVERT_JOB, resumeConversions, runConvertJob } from './documents/renditions.js';
import { ENVELOPE_ACTION_JOB, runEnvelopeActionJob, type EnvelopeActionJobData } from './envelopes/actions.js';
import { resumeArchives, runArchiveJob, type ArchiveJobData } from './envelopes/archive.js';
import { ARTIFACTS_JOB } from './envelopes/artifacts.js';
import { SEND_JOB, resumeStalledSends, runSendJob } from './envelopes/sending.js';
import { SYNC_ALL_JOB, SYNC_ENVELOPE_JOB, runSyncAllJob, runSyncEnvelopeJob } from './envelopes/sync.js';
import { EVENTS_PRUNE_JOB, pruneEvents } from './events/retention.js';
import { BULK_SEND_JOB, resumeBulkSends, runBulkSendJob } from './templates/bulk-send.js';
import { purgeOldIdempotencyKeys } from './idempotency.js';
import { runWebhookDeliveryJob, sweepWebhookDeliveries } from './webhooks/dispatch.js';
import { WEBHOOK_DELIVERY_JOB, WEBHOOK_SWEEP_JOB } from './webhooks/wake-up.js';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/**
 * Sends at once. A send job spends nearly all its time waiting on the provider's answers, so more of
 * them overlap well; each connection's rate limiter (providers/rate-limit.ts) still paces the calls.
 */
const SEND_CONCURRENCY = 8;
/** Webhook senders at once (each sends up to 8 deliveries of its endpoint side by side). */
const WEBHOOK_CONCURRENCY = 4;

/**
 * The job handlers the server works, and the recurring jobs: `queue.scheduleEvery` keeps each next
 * run enqueued once for the whole cluster (src/jobs/recurring.ts), so no run schedules its successor
 * and a run that dies with its instance skips nothing after it.
 */
export async function registerJobs(context: AppContext, options: { syncIntervalMinutes: number; jobRetentionDays: number; eventRetentionDays: number; convertConcurrency?: number }): Promise<void> {
  context.queue.work<{ documentId: string }>(CONVERT_JOB, (data, job) => runConvertJob(context, data, job), { concurrency: options.convertConcurrency ?? 1 });
  context.queue.work<{ envelopeId: string }>(SEND_JOB, (data, job) => runSendJob(context, data, job), { concurrency: SEND_CONCURRENCY });
  context.queue.work<{ envelopeId: string }>(SYNC_ENVELOPE_JOB, (data, job) => runSyncEnvelopeJob(context, data, job), { concurrency: 2 });
  context.queue.work<ArchiveJobData>(ARTIFACTS_JOB, (data, job) => runArchiveJob(context, data, job));
  // One at a time: a bulk send's rows are worked in order, and each row's send is its own send job.
  context.queue.work<{ bulkSendId: string }>(BULK_SEND_JOB, (data, job) => runBulkSendJob(context, data, job));
  context.queue.work<EnvelopeActionJobData>(ENVELOPE_ACTION_JOB, (data, job) => runEnvelopeActionJob(context, data, job), { concurrency: 2 });
  context.queue.work(SYNC_ALL_JOB, async (_data: { scheduled?: boolean }, job) => {
    await resumeStalledSends(context);
    await resumeBulkSends(context);
    // An archive whose attempt's job was lost (dead after the database failed it) goes on without a restart.
    await resumeArchives(context);
    return runSyncAllJob(context, job);
  });
  context.queue.work('idempotency-keys-purge', async () => ({ removed: await purgeOldIdempotencyKeys(context) }));
  // Completed jobs are deleted after the retention period, so that nothing (callbacks included) can
  // grow the jobs table without end; dead jobs stay for an operator to inspect.
  context.queue.work('jobs-purge', async () => ({
    removed: await context.queue.purgeCompleted(new Date(context.now().getTime() - options.jobRetentionDays * DAY_MS)),
  }));
  // The events feed keeps COUNTERSIGN_EVENT_RETENTION_DAYS of events (docs/webhooks.md, "Retention").
  context.queue.work(EVENTS_PRUNE_JOB, async () => ({ removed: await pruneEvents(context, options.eventRetentionDays) }));
  // Webhooks (docs/webhooks.md): an endpoint's sender, and the sweep that wakes any sender a lost job left asleep.
  context.queue.work<{ endpointId: string }>(WEBHOOK_DELIVERY_JOB, (data, job) => runWebhookDeliveryJob(context, data, job), { concurrency: WEBHOOK_CONCURRENCY });
  context.queue.work(WEBHOOK_SWEEP_JOB, async () => ({ woken: await sweepWebhookDeliveries(context) }));
  context.queue.scheduleEvery(WEBHOOK_SWEEP_JOB, MINUTE_MS);
  context.queue.scheduleEvery('idempotency-keys-purge', HOUR_MS);
  context.queue.scheduleEvery(EVENTS_PRUNE_JOB, HOUR_MS);
  context.queue.scheduleEvery('jobs-purge', HOUR_MS);
  // The delta sync on a schedule (COUNTERSIGN_SYNC_INTERVAL_MINUTES; 0 turns it off).
  if (options.syncIntervalMinutes > 0) context.queue.scheduleEvery(SYNC_ALL_JOB, options.syncIntervalMinutes * 60_000, { scheduled: true });
  await resumeStalledSends(context);
  await resumeBulkSends(context);
  await resumeConversions(context);
  await resumeArchives(context);
  await sweepWebhookDeliveries(context);
}
