import { consequencesOf, type AttemptConsequences } from '../../domain/webhooks.js';
import type { JobContext } from '../../jobs/queue.js';
import { findEvent } from '../../store/events.js';
import * as deliveries from '../../store/webhook-deliveries.js';
import { findEndpoint, findEndpointForUpdate, markFailingSince, type StoredEndpoint } from '../../store/webhook-endpoints.js';
import type { AppContext } from '../context.js';
import { toFeedEvent } from '../events/feed.js';
import { disableEndpoint, hostOf, signingSecrets } from './endpoints.js';
import type { AttemptResult, WebhookSender } from './send.js';
import { webhookSettings } from './settings.js';
import { wakeSender } from './wake-up.js';

/**
 * An endpoint's sender: the `webhook-deliveries` job (docs/webhooks.md, "Deliveries").
 *
 * The delivery rows are the truth; a job only says "look at this endpoint now". A run claims the
 * deliveries that are due and at the head of their lane (store/webhook-deliveries.ts `claimDueHeads`:
 * a compare-and-set per row, so runs on several instances never send one delivery at once), sends up
 * to BATCH side by side (one per lane: a lane's next event waits until its head was delivered or given
 * up on), records each outcome, claims again as each attempt ends or another lane's retry falls due
 * (whichever comes first), and goes on until nothing is due.
 * It then enqueues a run for the moment the next retry falls due (or a claim held by another sender
 * runs out). A run that dies mid-attempt leaves its claims to run out: the same job, retried by the
 * queue, takes them back at once; any other after the claim's end. The sweep (every minute, and at
 * start) wakes the sender of any endpoint with a due delivery nobody is sending, whatever happened to
 * the jobs.
 *
 * At least once: a delivery is marked delivered only after its 2xx, so a crash between the answer and
 * the record sends it again — with the same `webhook-id`, for the receiver to deduplicate.
 */

/** Deliveries of one endpoint a sender has under way at once, at most (each of another lane). */
const BATCH = 8;

const senders = new WeakMap<AppContext, Promise<WebhookSender>>();

/** The process's sender for this context, made at the first delivery (it loads undici and the signing library). */
function senderFor(context: AppContext): Promise<WebhookSender> {
  let sender = senders.get(context);
  if (!sender) {
    const settings = webhookSettings(context);
    sender = import('./send.js').then(({ createWebhookSender }) => createWebhookSender(context.outbound, settings));
    senders.set(context, sender);
  }
  return sender;
}

/** Closes the context's sender, if it made one (tests; a stopping server's sockets go with it). */
export async function closeWebhookSender(context: AppContext): Promise<void> {
  const sender = senders.get(context);
  senders.delete(context);
  if (sender) await (await sender).close();
}

export async function runWebhookDeliveryJob(context: AppContext, data: { endpointId: string }, job: JobContext): Promise<unknown> {
  const settings = webhookSettings(context);
  // A claim lasts beyond any attempt (it ends at the attempt's timeout) and the writing of its outcome.
  const claimMs = 2 * settings.attemptTimeoutMs + 30_000;
  // The job's id: this job retried after a crash takes its own claims back at once.
  const owner = job.job.id;
  const tally = { delivered: 0, retrying: 0, failed: 0 };
  // Attempts under way, by delivery id: a slot is refilled as soon as its attempt ends, so one slow
  // receiver's answer holds up its own lane only, not the BATCH − 1 attempts beside it.
  const inFlight = new Map<string, Promise<void>>();
  // Attempts ended so far: one that ends while this pass reads the database (after its claim saw its
  // lane busy) is not among the attempts the pass then waits for, so the pass looks again instead of
  // waiting for another lane's answer, up to the attempt timeout, to claim what it freed.
  let attemptsEnded = 0;
  let failure: { error: unknown } | undefined;
  const settle = async () => {
    await Promise.all(inFlight.values());
    if (failure) throw failure.error;
  };
  for (;;) {
    if (failure) return settle();
    const endedBeforePass = attemptsEnded;
    const endpoint = await findEndpoint(context.db, data.endpointId);
    if (!endpoint || !endpoint.enabled) {
      await settle();
      return { ...tally, skipped: endpoint ? 'disabled' : 'deleted' };
    }
    const now = context.now();
    const free = BATCH - inFlight.size;
    const heads =
      free === 0
        ? []
        : await deliveries.claimDueHeads(context.db, endpoint.id, {
            now: now.toISOString(),
            until: new Date(now.getTime() + claimMs).toISOString(),
            owner,
            limit: free,
            excluding: [...inFlight.keys()],
          });
    if (heads.length > 0) {
      const sender = await senderFor(context);
      for (const delivery of heads) {
        const running = attempt(context, sender, endpoint, delivery, owner, job.signal).then(
          (outcome) => {
            if (outcome !== 'lost') tally[outcome === 'pending' ? 'retrying' : outcome] += 1;
          },
          (error: unknown) => {
            failure ??= { error };
          },
        );
        inFlight.set(
          delivery.id,
          running.finally(() => {
            inFlight.delete(delivery.id);
            attemptsEnded += 1;
          }),
        );
      }
      continue;
    }
    // With every slot taken, only an attempt ending frees one: when the next retry falls due can wait.
    if (free === 0) {
      await untilFirst(inFlight.values(), undefined);
      continue;
    }
    const due = await deliveries.nextDueAt(context.db, endpoint.id, context.now().toISOString());
    if (attemptsEnded !== endedBeforePass) continue;
    // Nothing more to claim now: an attempt ending may free its lane's next event, and another lane's
    // retry may fall due before any attempt ends (an answer can take up to the attempt timeout).
    if (inFlight.size > 0) {
      await untilFirst(inFlight.values(), due === undefined ? undefined : Date.parse(due) - context.now().getTime());
      continue;
    }
    if (due === undefined) return tally;
    // Something fell due since the claim: look again. Else wake up when it does.
    if (Date.parse(due) <= context.now().getTime()) continue;
    await wakeSender(context, endpoint.id, { at: new Date(due) });
    return { ...tally, nextRunAt: due };
  }
}

/** Resolves once the first of `attempts` has ended, or `ms` from now when given. */
async function untilFirst(attempts: Iterable<Promise<void>>, ms: number | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const due = ms === undefined ? [] : [new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms))))];
  try {
    await Promise.race([...attempts, ...due]);
  } finally {
    clearTimeout(timer);
  }
}

type Outcome = 'delivered' | 'pending' | 'failed' | 'lost';

async function attempt(
  context: AppContext,
  sender: WebhookSender,
  endpoint: StoredEndpoint,
  delivery: deliveries.StoredDelivery,
  owner: string,
  signal: AbortSignal,
): Promise<Outcome> {
  const body = delivery.payload ?? (await eventBody(context, delivery.eventId));
  if (body === undefined) {
    await deliveries.failDelivery(context.db, delivery.id, `not sent: the event ${delivery.eventId} is no longer kept (COUNTERSIGN_EVENT_RETENTION_DAYS)`);
    return 'failed';
  }
  const at = context.now();
  const result = await sender.send({ url: endpoint.url, eventId: delivery.eventId, body, secrets: signingSecrets(context, endpoint, at), at }, signal);
  // Stopped or lost the job's lease: the outcome is not recorded, the claim runs out and the attempt is made again.
  signal.throwIfAborted();
  context.logger.debug(
    { endpointId: endpoint.id, deliveryId: delivery.id, eventId: delivery.eventId, host: hostOf(endpoint.url), status: result.statusCode, durationMs: result.durationMs, error: result.error },
    'webhook delivery attempt',
  );
  return recordOutcome(context, endpoint.id, delivery, owner, at, result);
}

/** The event as the feed answers it: the body of its deliveries. */
async function eventBody(context: AppContext, eventId: string): Promise<string | undefined> {
  const row = await findEvent(context.db, eventId);
  return row && JSON.stringify(toFeedEvent(row));
}

/**
 * The attempt, the delivery's next step and the endpoint's run of failures (and maybe its disabling),
 * in one transaction. The endpoint's row is locked only to disable it: up to BATCH outcomes per sender
 * are recorded at once, and on PostgreSQL a lock per outcome queued them all on that one row (the
 * senders' pool connections with them).
 */
async function recordOutcome(context: AppContext, endpointId: string, delivery: deliveries.StoredDelivery, owner: string, at: Date, result: AttemptResult): Promise<Outcome> {
  const settings = webhookSettings(context);
  return context.db.transaction().execute(async (transaction) => {
    const endpoint = await findEndpoint(transaction, endpointId);
    if (!endpoint) return 'lost';
    const now = context.now();
    const consequencesWith = (failingSince: string | null) =>
      consequencesOf(
        result,
        { attemptsMade: delivery.attemptCount + 1, failingSince: failingSince === null ? null : Date.parse(failingSince), now: now.getTime(), host: hostOf(endpoint.url) },
        settings,
      );
    const consequences = consequencesWith(endpoint.failingSince);
    const recorded = await deliveries.recordAttempt(
      transaction,
      delivery.id,
      owner,
      { number: delivery.attemptCount + 1, attemptedAt: at.toISOString(), durationMs: result.durationMs, statusCode: result.statusCode, error: result.error, responseSnippet: result.responseSnippet },
      deliveryChange(consequences, now),
    );
    if (!recorded) return 'lost';
    if (consequences.disable !== null) {
      // Judged again on the row as it is now: another sender's success may have ended the run of failures.
      const current = await findEndpointForUpdate(transaction, endpointId);
      const confirmed = current && consequencesWith(current.failingSince);
      if (current?.enabled && confirmed?.disable) {
        await disableEndpoint(context, transaction, { ...current, failingSince: isoOrNull(confirmed.failingSince) }, confirmed.disable);
        return consequences.delivery.status;
      }
    }
    await markFailingSince(transaction, endpointId, isoOrNull(consequences.failingSince));
    return consequences.delivery.status;
  });
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function deliveryChange(consequences: AttemptConsequences, now: Date): deliveries.DeliveryChange {
  const delivery = consequences.delivery;
  switch (delivery.status) {
    case 'delivered':
      return { status: 'delivered', at: now.toISOString() };
    case 'pending':
      return { status: 'pending', nextAttemptAt: new Date(delivery.nextAttemptAt).toISOString() };
    case 'failed':
      return { status: 'failed', reason: delivery.reason };
  }
}

/**
 * Wakes the sender of every endpoint with a delivery due that nobody is sending: a safety net for a
 * wake-up that was lost (an installation imported from an export, a job store restored). Keyed per
 * endpoint: a sweep while the last one's run waits adds nothing. Returns how many endpoints it woke.
 */
export async function sweepWebhookDeliveries(context: AppContext): Promise<number> {
  const endpoints = await deliveries.endpointsWithDueDeliveries(context.db, context.now().toISOString());
  for (const endpointId of endpoints) await wakeSender(context, endpointId, { singletonKey: `sweep:${endpointId}` });
  return endpoints.length;
}
