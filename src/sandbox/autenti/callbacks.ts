import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { OutboundPolicy } from '../../net/outbound-guard.js';
import { createCallbackSender, type DeliveryProgress } from '../callback-sender.js';
import type { CallbackFaults } from '../faults.js';
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
 * through the outbound guard (see ../callback-sender.ts, which sends them).
 */

export interface CallbackDelivery extends DeliveryProgress {
  /** `client`: the client-level callback URL of Integration settings (one seed event object per POST);
   * `subscription`: an `/applications/callbacks` subscription (a JSON array of live events per POST). */
  channel: 'client' | 'subscription';
  subscriptionId?: string;
  /** The first event of the delivery (a subscription delivery may carry several). */
  eventId: string;
  eventType: string;
  processId: string;
  url: string;
  updatedAt: string;
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>;

/** The callback sender of one sandbox; `retryDelaysMs` are the waits before each retry (3 by default). */
export function createCallbackDispatcher(options: { store: SandboxStore; logger: FastifyBaseLogger; retryDelaysMs?: number[]; outbound?: OutboundPolicy ; faults?: () => CallbackFaults}) {
  const sender = createCallbackSender<CallbackDelivery>({
    name: 'autenti',
    logger: options.logger,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    ...(options.outbound ? { outbound: options.outbound } : {}),
    afterAttempt(delivery) {
      delivery.updatedAt = new Date().toISOString();
    },
    identify: (delivery) => ({ eventId: delivery.eventId }),
  });

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
    sender.queue(target.url, delivery, body);
  }

  return {
    /**
     * Queues what an action produced: each event alone (seed shape) to the owner client's callback URL,
     * if it has one; and the events together, as a JSON array in live Autenti's shape, to each of the
     * client's subscriptions. Returns at once.
     */
    dispatch(ownerClientId: string, processId: string, events: SandboxEvent[]): void {
      if (events.length === 0 || sender.closed()) return;
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
    checkUrl: sender.checkUrl,
    /** The delivery log, oldest first. */
    deliveries: sender.deliveries,
    /** Stops retrying and waits for attempts under way (on sandbox close). */
    close: sender.close,
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
