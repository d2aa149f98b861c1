import type { SqlExecutor } from '../../jobs/queue.js';
import type { AppContext } from '../context.js';

/** Sends an endpoint's due deliveries (app/webhooks/dispatch.ts); data `{ endpointId }`. */
export const WEBHOOK_DELIVERY_JOB = 'webhook-deliveries';
/** Every minute: wakes the sender of any endpoint with a delivery due that nobody is sending. */
export const WEBHOOK_SWEEP_JOB = 'webhook-deliveries-sweep';

/**
 * Enqueues a run of the endpoint's sender. A job only wakes the sender: what to send is in the
 * delivery rows, claimed one by one, so a run too many finds nothing and ends.
 *
 * Deliberately no singleton key for a run wanted now: an unfinished run of the same key could be one
 * already past its last look at the table, and a delivery it did not see would wait for the sweep.
 * A run at a later moment is keyed by that moment, so that every sender that wants the same wake-up
 * enqueues it once.
 */
export async function wakeSender(context: Pick<AppContext, 'queue'>, endpointId: string, options: { at?: Date; executor?: SqlExecutor; singletonKey?: string } = {}): Promise<void> {
  await context.queue.enqueue(
    WEBHOOK_DELIVERY_JOB,
    { endpointId },
    {
      ...(options.at ? { runAfter: options.at, singletonKey: options.singletonKey ?? `${endpointId}@${options.at.toISOString()}` } : options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.executor ? { executor: options.executor } : {}),
    },
  );
}
