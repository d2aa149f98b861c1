import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { request } from 'undici';
import { checkOutboundUrl, createOutboundDispatcher, NOTHING_ALLOWED, OutboundRefusedError, type OutboundPolicy } from '../../net/outbound-guard.js';
import type { SandboxEvent } from './model.js';
import type { SandboxStore } from './store.js';

/**
 * The asynchronous callback channel of seed 003 ("Assumptions and design principles": "the API will
 * include asynchronous callback channel to allow subscribing to events … the structure of the event
 * generic"). Every event of a process is POSTed as JSON, in the seed's event shape, to the callback URL
 * of the client application that created the process. Delivery never delays the API answer; a failed
 * delivery (network error or non-2xx) is retried 3 times with growing delays.
 *
 * A callback URL is set by anyone who can reach the sandbox's `/_sandbox` routes, so deliveries go
 * through the outbound guard (src/net/outbound-guard.ts) like every user-supplied URL: a URL it
 * refuses is refused when set (`checkUrl`), and a delivery whose host resolves to a refused address
 * is logged and not sent. Redirects are not followed.
 */

export interface CallbackDelivery {
  /** `client`: the client-level callback URL of Integration settings (one seed event object per POST);
   * `subscription`: an `/applications/callbacks` subscription (a JSON array of live events per POST). */
  channel: 'client' | 'subscription';
  subscriptionId?: string;
  /** The first event of the delivery (a subscription delivery may carry several). */
  eventId: string;
  eventType: string;
  processId: string;
  url: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatus: number | null;
  lastError: string | null;
  updatedAt: string;
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>;

const ATTEMPT_TIMEOUT_MS = 5000;
const MAX_LOG = 500;

/** The callback sender of one sandbox; `retryDelaysMs` are the waits before each retry (3 by default). */
export function createCallbackDispatcher(options: { store: SandboxStore; logger: FastifyBaseLogger; retryDelaysMs?: number[]; outbound?: OutboundPolicy }) {
  const retryDelays = options.retryDelaysMs ?? [250, 1000, 4000];
  const outbound = options.outbound ?? { allow: NOTHING_ALLOWED };
  const connections = createOutboundDispatcher(outbound, { connectTimeoutMs: ATTEMPT_TIMEOUT_MS });
  const deliveries: CallbackDelivery[] = [];
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function deliver(delivery: CallbackDelivery, body: unknown): Promise<void> {
    for (let attempt = 0; attempt <= retryDelays.length && !abort.signal.aborted; attempt += 1) {
      if (attempt > 0) await wait(retryDelays[attempt - 1] ?? 1000);
      if (abort.signal.aborted) break;
      delivery.attempts += 1;
      try {
        const response = await request(delivery.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'autenti-sandbox-callbacks' },
          body: JSON.stringify(body),
          dispatcher: connections,
          signal: AbortSignal.any([abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
        });
        await response.body.dump().catch(() => undefined);
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        delivery.lastStatus = response.statusCode;
        delivery.lastError = ok ? null : `HTTP ${response.statusCode}`;
        delivery.updatedAt = new Date().toISOString();
        if (ok) {
          delivery.status = 'delivered';
          return;
        }
      } catch (error) {
        delivery.updatedAt = new Date().toISOString();
        const refused = OutboundRefusedError.find(error);
        if (refused) {
          // Not a passing failure: the destination stays refused, so no retry.
          delivery.lastError = `not sent: the callback URL ${refused.message}`;
          break;
        }
        delivery.lastError = (error as Error).message;
      }
    }
    delivery.status = 'failed';
    // The host only: a callback URL may carry a secret token (Countersign's does).
    options.logger.warn({ eventId: delivery.eventId, host: hostOf(delivery.url), error: delivery.lastError }, 'autenti sandbox: callback not delivered');
  }

  function queue(target: { channel: CallbackDelivery['channel']; subscriptionId?: string; url: string; processId: string; first: SandboxEvent }, body: unknown): void {
    const delivery: CallbackDelivery = {
      channel: target.channel,
      ...(target.subscriptionId ? { subscriptionId: target.subscriptionId } : {}),
      eventId: target.first.id,
      eventType: target.first.eventType,
      processId: target.processId,
      url: target.url,
      attempts: 0,
      status: 'pending',
      lastStatus: null,
      lastError: null,
      updatedAt: new Date().toISOString(),
    };
    deliveries.push(delivery);
    if (deliveries.length > MAX_LOG) deliveries.splice(0, deliveries.length - MAX_LOG);
    const running = deliver(delivery, body).finally(() => inFlight.delete(running));
    inFlight.add(running);
  }

  return {
    /**
     * Queues what an action produced: each event alone (seed shape) to the owner client's callback URL,
     * if it has one; and the events together, as a JSON array in live Autenti's shape, to each of the
     * client's subscriptions. Returns at once.
     */
    dispatch(ownerClientId: string, processId: string, events: SandboxEvent[]): void {
      if (events.length === 0 || abort.signal.aborted) return;
      const url = options.store.getClient(ownerClientId)?.callbackUrl;
      if (url) for (const event of events) queue({ channel: 'client', url, processId, first: event }, event);
      const subscriptions = options.store.listSubscriptions(ownerClientId);
      if (subscriptions.length === 0) return;
      for (const subscription of subscriptions) {
        // One id per event and subscription, kept across the retries of that delivery.
        const live = events.map(liveEvent);
        queue({ channel: 'subscription', subscriptionId: subscription.id, url: subscription.callbackParameters.callbackUrl, processId, first: events[0]! }, live);
      }
    },
    /**
     * Throws `OutboundRefusedError` (saying why and how to open it) for a callback URL that would not
     * be delivered to; DNS is checked at delivery.
     */
    checkUrl(url: string): void {
      checkOutboundUrl(url, outbound);
    },
    /** The delivery log, oldest first. */
    deliveries: (): CallbackDelivery[] => deliveries.map((delivery) => ({ ...delivery })),
    /** Stops retrying and waits for attempts under way (on sandbox close). */
    async close(): Promise<void> {
      abort.abort();
      await Promise.allSettled([...inFlight]);
      await connections.close();
    },
  };
}

/**
 * An event as live Autenti delivers it to a subscription (the Power Automate connector's notification
 * schema): `{id: "EVENT:<uuid>", actor: {id, type}, eventType, object: {id, type}, timestamp}`.
 */
export function liveEvent(event: SandboxEvent) {
  return {
    id: `EVENT:${randomUUID()}`,
    actor: { id: event.actor.id, type: event.actor.id.startsWith('PARTY-') ? 'EVENT_ACTOR-TYPE:PARTY' : 'EVENT_ACTOR-TYPE:SYSTEM' },
    eventType: event.eventType,
    object: { ...event.object },
    timestamp: event.timestamp,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
