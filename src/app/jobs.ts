import type { AppContext } from './context.js';
import { purgeOldIdempotencyKeys } from './idempotency.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The job handlers the server works, and the recurring jobs it keeps scheduled. A recurring job
 * schedules its next run itself, keyed by the hour it is for, so a restart never doubles it.
 */
export async function registerJobs(context: AppContext): Promise<void> {
  context.queue.work('idempotency-keys-purge', async () => {
    const removed = await purgeOldIdempotencyKeys(context);
    await scheduleIdempotencyPurge(context, new Date(context.now().getTime() + HOUR_MS));
    return { removed };
  });
  await scheduleIdempotencyPurge(context, context.now());
}

async function scheduleIdempotencyPurge(context: AppContext, runAfter: Date): Promise<void> {
  const hour = runAfter.toISOString().slice(0, 13);
  await context.queue.enqueue('idempotency-keys-purge', {}, { runAfter, singletonKey: hour });
}
