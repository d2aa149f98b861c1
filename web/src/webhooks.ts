import { formatDateTime } from './format';
import { i18n } from './i18n';
import type { EventType, WebhookDelivery, WebhookEndpoint } from './types';

/**
 * Webhook event types and delivery statuses in words (the settings catalog: webhookEvents,
 * webhookDeliveries), read at call time so that they follow the chosen language. The event types are
 * the keys of EVENT_TYPES_IN_ORDER: typed as a Record over the generated `EventType` union, so the
 * compiler refuses this object until it names exactly the types the API accepts — and each type's
 * words are read by a key typed from the English catalog, so a type added to the server shows up as a
 * compile error here and in the catalog, never as a type the form silently cannot offer.
 */
const EVENT_TYPES_IN_ORDER: Record<EventType, true> = {
  'envelope.sending': true,
  'envelope.sent': true,
  'envelope.completed': true,
  'envelope.rejected': true,
  'envelope.withdrawn': true,
  'envelope.expired': true,
  'envelope.failed': true,
  'envelope.deleted': true,
  'participant.waiting': true,
  'participant.notified': true,
  'participant.viewed': true,
  'participant.signed': true,
  'participant.approved': true,
  'participant.completed': true,
  'participant.rejected': true,
  'participant.skipped': true,
  'artifact.archived': true,
  'connection.healthy': true,
  'connection.unhealthy': true,
};

/** Every event type an endpoint may choose, in the API's order. */
export const EVENT_TYPES = Object.keys(EVENT_TYPES_IN_ORDER) as EventType[];

export type EventTypeGroup = 'envelopes' | 'participants' | 'signedFiles' | 'connections';

/** The event types by what they are about, for the form's checkbox groups (each group named by `webhookEvents.groups`). */
export const EVENT_TYPE_GROUPS: Array<{ group: EventTypeGroup; types: EventType[] }> = (
  [
    { group: 'envelopes', prefix: 'envelope.' },
    { group: 'participants', prefix: 'participant.' },
    { group: 'signedFiles', prefix: 'artifact.' },
    { group: 'connections', prefix: 'connection.' },
  ] as const
).map(({ group, prefix }) => ({ group, types: EVENT_TYPES.filter((type) => type.startsWith(prefix)) }));

/** A delivery's event type in words; `ping` is the test event, and a type the server adds later shows as itself. */
export function eventTypeLabel(type: string): string {
  if (type === 'ping') return i18n.t('settings:webhookEvents.ping');
  return type in EVENT_TYPES_IN_ORDER ? i18n.t(`settings:webhookEvents.${type as EventType}`) : type;
}

/** What an endpoint receives, in a line: "All events" or the chosen ones. */
export function describeEventFilter(events: WebhookEndpoint['events']): string {
  if (events === null) return i18n.t('settings:webhookEvents.all');
  const labels = events.map(eventTypeLabel);
  if (labels.length <= 3) return labels.join(', ');
  return i18n.t('settings:webhookEvents.someAndMore', { labels: labels.slice(0, 2).join(', '), count: labels.length - 2 });
}

export const DELIVERY_STATUS_COLORS: Record<WebhookDelivery['status'], string> = {
  pending: 'blue',
  delivered: 'green',
  failed: 'red',
};

/** A delivery's status in a word: Pending, Delivered or Failed. */
export function deliveryStatusLabel(status: WebhookDelivery['status']): string {
  return i18n.t(`settings:webhookDeliveries.statuses.${status}`);
}

/** The line under a delivery's status: when it was delivered, when it is tried next, or why it failed. */
export function describeDeliveryStatus(delivery: WebhookDelivery): string {
  switch (delivery.status) {
    case 'delivered':
      return i18n.t('settings:webhookDeliveries.deliveredAt', { date: formatDateTime(delivery.deliveredAt) });
    case 'pending': {
      // No time: it waits for an earlier event of the same envelope to be delivered or given up on.
      if (!delivery.nextAttemptAt) return i18n.t('settings:webhookDeliveries.waitsForEarlier');
      const number = String(delivery.attemptCount + 1);
      return new Date(delivery.nextAttemptAt).getTime() <= Date.now()
        ? i18n.t('settings:webhookDeliveries.attemptUnderWay', { number })
        : i18n.t('settings:webhookDeliveries.attemptAt', { number, date: formatDateTime(delivery.nextAttemptAt) });
    }
    case 'failed': {
      // The server's reason reads as a sentence's end ("gave up after 8 attempts (the last: HTTP 500)").
      if (delivery.lastError) return delivery.lastError.charAt(0).toUpperCase() + delivery.lastError.slice(1);
      return delivery.lastStatusCode === null
        ? i18n.t('settings:webhookDeliveries.noAnswer')
        : i18n.t('settings:webhookDeliveries.receiverAnswered', { code: String(delivery.lastStatusCode) });
    }
  }
}

/** Why Redeliver cannot be used now, or null when it can (the server refuses the same with 409). */
export function redeliverBlockedReason(delivery: WebhookDelivery, endpoint: Pick<WebhookEndpoint, 'enabled'> | undefined): string | null {
  if (endpoint && !endpoint.enabled) return i18n.t('settings:webhookDeliveries.disabledRedeliver');
  if (delivery.status === 'pending') return i18n.t('settings:webhookDeliveries.stillPending');
  return null;
}
