import { InvalidStateError, NotFoundError } from '../../domain/errors.js';
import type { EventType } from '../../domain/events.js';
import { endpointWants, laneOf, PING_EVENT_TYPE } from '../../domain/webhooks.js';
import { fromKysely } from '../../jobs/queue.js';
import type { Db } from '../../store/database.js';
import { findEvent } from '../../store/events.js';
import { newId } from '../../store/ids.js';
import type { Page } from '../../store/pagination.js';
import * as store from '../../store/webhook-deliveries.js';
import { findEndpointForUpdate, listEnabledEndpointFilters } from '../../store/webhook-endpoints.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { timestamp, type AppContext } from '../context.js';
import { loadEndpoint, requireEnabled } from './endpoints.js';
import { webhookSettings } from './settings.js';
import { wakeSender } from './wake-up.js';

/**
 * Deliveries (docs/webhooks.md, "Deliveries"): one row per event and endpoint, created in the
 * transaction that records the event, so that a delivery exists exactly when its event does; then
 * sent by the endpoint's sender (app/webhooks/dispatch.ts) on the job queue. Pings and redeliveries
 * are deliveries too, made on request.
 */

export type WebhookDeliveryView = Omit<store.StoredDelivery, 'seq' | 'lane' | 'payload'> & { attempts: store.DeliveryAttempt[] };

/** An event just recorded, as the fan-out needs it. */
export interface RecordedEvent {
  id: string;
  type: EventType;
  envelopeId: string | null;
  /** Its ordering lane (domain/webhooks.ts `laneOf`). */
  lane: string;
}

/**
 * The outbox's webhook step (app/events/outbox.ts): a delivery of each event to each enabled endpoint
 * that takes its type, in the events' transaction and order, and one wake-up per endpoint through
 * that transaction. Runs right after the events' insert, under the feed-order lock, so deliveries'
 * `seq`s follow commit order as the events' do.
 */
export async function createEventDeliveries(context: AppContext, transaction: Db, events: readonly RecordedEvent[]): Promise<void> {
  const endpoints = await listEnabledEndpointFilters(transaction);
  if (endpoints.length === 0 || events.length === 0) return;
  const createdAt = timestamp(context);
  const firstAttemptAt = firstAttemptFrom(context);
  const rows: store.NewDelivery[] = [];
  const woken = new Set<string>();
  for (const event of events) {
    for (const endpoint of endpoints) {
      if (!endpointWants(endpoint.eventTypes, event.type)) continue;
      rows.push({ id: newId('whd'), endpointId: endpoint.id, eventId: event.id, eventType: event.type, envelopeId: event.envelopeId, lane: event.lane, payload: null, createdAt, firstAttemptAt, redeliveryOf: null });
      woken.add(endpoint.id);
    }
  }
  await store.insertDeliveries(transaction, rows);
  for (const endpointId of woken) await wakeSender(context, endpointId, { executor: fromKysely(transaction) });
}

/**
 * Sends a `ping` event to this endpoint alone (`POST /webhook-endpoints/{id}/test`): signed and
 * retried like any delivery, logged in its deliveries, never in the feed.
 */
export async function sendTestPing(context: AppContext, endpointId: string): Promise<WebhookDeliveryView> {
  const deliveryId = await context.db.transaction().execute(async (transaction) => {
    const endpoint = await findEndpointForUpdate(transaction, endpointId);
    if (!endpoint) throw new NotFoundError('webhook endpoint', endpointId);
    requireEnabled(endpoint, 'a test event');
    const eventId = newId('ev');
    const occurredAt = timestamp(context);
    const payload = JSON.stringify({
      id: eventId,
      type: PING_EVENT_TYPE,
      occurredAt,
      envelopeId: null,
      data: { endpointId, message: 'A test event from Countersign. Answer with a 2xx status to show that this endpoint receives and verifies deliveries.' },
    });
    const id = newId('whd');
    await store.insertDeliveries(transaction, [
      { id, endpointId, eventId, eventType: PING_EVENT_TYPE, envelopeId: null, lane: laneOf({ envelopeId: null, id: eventId }), payload, createdAt: occurredAt, firstAttemptAt: firstAttemptFrom(context), redeliveryOf: null },
    ]);
    await wakeSender(context, endpointId, { executor: fromKysely(transaction) });
    return id;
  });
  return getDelivery(context, endpointId, deliveryId);
}

/**
 * Sends a delivered or failed delivery's event again, as a new delivery with the same `webhook-id`
 * (the receiver's deduplication still holds) and a fresh schedule. It joins the end of its lane:
 * events of the same envelope still waiting go first.
 */
export async function redeliver(context: AppContext, endpointId: string, deliveryId: string, apiRequest?: ActionRequest): Promise<WebhookDeliveryView> {
  const id = await context.db.transaction().execute(async (transaction) => {
    const endpoint = await findEndpointForUpdate(transaction, endpointId);
    if (!endpoint) throw new NotFoundError('webhook endpoint', endpointId);
    const original = await store.findDelivery(transaction, deliveryId);
    if (!original || original.endpointId !== endpointId) throw new NotFoundError('webhook delivery', deliveryId);
    requireEnabled(endpoint, 'a redelivery');
    if (original.status === 'pending') {
      throw new InvalidStateError(
        `Delivery ${deliveryId} is still pending (attempt ${original.attemptCount + 1} is due at ${original.nextAttemptAt ?? 'its turn in its lane'}); redeliver it once it was delivered or given up on.`,
        original.status,
      );
    }
    if (original.payload === null && !(await findEvent(transaction, original.eventId))) {
      throw new InvalidStateError(
        `The event ${original.eventId} of delivery ${deliveryId} is no longer kept (events are deleted after COUNTERSIGN_EVENT_RETENTION_DAYS), so it cannot be sent again; read the resource's current state from the API instead.`,
        original.status,
      );
    }
    const redelivery = newId('whd');
    await store.insertDeliveries(transaction, [{ ...original, id: redelivery, createdAt: timestamp(context), firstAttemptAt: firstAttemptFrom(context), redeliveryOf: original.id }]);
    await wakeSender(context, endpointId, { executor: fromKysely(transaction) });
    await recordActionIn(context, transaction, apiRequest);
    return redelivery;
  });
  return getDelivery(context, endpointId, id);
}

/** When a new delivery's first attempt is due: the schedule's first wait (0, at once, by default) from now. */
function firstAttemptFrom(context: AppContext): string {
  return new Date(context.now().getTime() + (webhookSettings(context).retryScheduleMs[0] ?? 0)).toISOString();
}

async function getDelivery(context: AppContext, endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
  const delivery = await store.findDelivery(context.db, deliveryId);
  if (!delivery || delivery.endpointId !== endpointId) throw new NotFoundError('webhook delivery', deliveryId);
  const attempts = await store.listAttempts(context.db, [delivery.id]);
  return deliveryView(delivery, attempts.get(delivery.id) ?? []);
}

export interface DeliveryQuery {
  limit: number;
  cursor?: string;
  status?: store.DeliveryStatus;
  envelopeId?: string;
}

/** An endpoint's delivery log, newest first. */
export async function listEndpointDeliveries(context: AppContext, endpointId: string, query: DeliveryQuery): Promise<Page<WebhookDeliveryView>> {
  await loadEndpoint(context.db, endpointId);
  return withAttempts(context, await store.listDeliveries(context.db, { ...query, endpointId }));
}

/** The deliveries an envelope's events made, to every endpoint, newest first. */
export async function listEnvelopeDeliveries(context: AppContext, envelopeId: string, query: Omit<DeliveryQuery, 'envelopeId'>): Promise<Page<WebhookDeliveryView>> {
  return withAttempts(context, await store.listDeliveries(context.db, { ...query, envelopeId }));
}

async function withAttempts(context: AppContext, page: Page<store.StoredDelivery>): Promise<Page<WebhookDeliveryView>> {
  const attempts = await store.listAttempts(
    context.db,
    page.data.map((delivery) => delivery.id),
  );
  return { data: page.data.map((delivery) => deliveryView(delivery, attempts.get(delivery.id) ?? [])), nextCursor: page.nextCursor };
}

function deliveryView({ seq: _seq, lane: _lane, payload: _payload, ...delivery }: store.StoredDelivery, attempts: store.DeliveryAttempt[]): WebhookDeliveryView {
  return { ...delivery, attempts };
}
