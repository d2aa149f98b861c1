import { formatDateTime } from './format';
import type { EventType, WebhookDelivery, WebhookEndpoint } from './types';

/**
 * Webhook event types and delivery statuses in words. The event types are the keys of
 * EVENT_TYPE_LABELS: typed as a Record over the generated `EventType` union, so the compiler refuses
 * this object until it names exactly the types the API accepts — a type added to the server shows up
 * here as a compile error, never as a type the form silently cannot offer.
 */
const EVENT_TYPE_LABELS: Record<EventType, string> = {
  'envelope.sending': 'Envelope being sent',
  'envelope.sent': 'Envelope sent',
  'envelope.completed': 'Envelope completed',
  'envelope.rejected': 'Envelope declined',
  'envelope.withdrawn': 'Envelope withdrawn',
  'envelope.expired': 'Envelope expired',
  'envelope.failed': 'Envelope could not be sent',
  'envelope.deleted': 'Envelope deleted',
  'participant.waiting': 'Participant waits for an earlier step',
  'participant.notified': 'Participant invited',
  'participant.viewed': 'Participant viewed the documents',
  'participant.signed': 'Participant signed',
  'participant.approved': 'Participant approved',
  'participant.completed': 'Viewer or receiver done',
  'participant.rejected': 'Participant declined',
  'participant.skipped': 'Participant skipped',
  'artifact.archived': 'Signed file stored',
  'connection.healthy': 'Connection works',
  'connection.unhealthy': 'Connection stopped working',
};

/** Every event type an endpoint may choose, in the API's order. */
export const EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS) as EventType[];

/** The event types by what they are about, for the form's checkbox groups. */
export const EVENT_TYPE_GROUPS: Array<{ label: string; types: EventType[] }> = [
  { label: 'Envelopes', prefix: 'envelope.' },
  { label: 'Participants', prefix: 'participant.' },
  { label: 'Signed files', prefix: 'artifact.' },
  { label: 'Connections', prefix: 'connection.' },
].map(({ label, prefix }) => ({ label, types: EVENT_TYPES.filter((type) => type.startsWith(prefix)) }));

/** A delivery's event type in words; `ping` is the test event, and a type the server adds later shows as itself. */
export function eventTypeLabel(type: string): string {
  if (type === 'ping') return 'Test event';
  return EVENT_TYPE_LABELS[type as EventType] ?? type;
}

/** What an endpoint receives, in a line: "All events" or the chosen ones. */
export function describeEventFilter(events: WebhookEndpoint['events']): string {
  if (events === null) return 'All events, including types added later';
  const labels = events.map(eventTypeLabel);
  if (labels.length <= 3) return labels.join(', ');
  return `${labels.slice(0, 2).join(', ')} and ${labels.length - 2} more`;
}

export const DELIVERY_STATUS_LOOK: Record<WebhookDelivery['status'], { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'blue' },
  delivered: { label: 'Delivered', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
};

/** The line under a delivery's status: when it was delivered, when it is tried next, or why it failed. */
export function describeDeliveryStatus(delivery: WebhookDelivery): string {
  switch (delivery.status) {
    case 'delivered':
      return `Delivered ${formatDateTime(delivery.deliveredAt)}`;
    case 'pending':
      // No time: it waits for an earlier event of the same envelope to be delivered or given up on.
      return delivery.nextAttemptAt
        ? `Attempt ${delivery.attemptCount + 1} ${new Date(delivery.nextAttemptAt).getTime() <= Date.now() ? 'is under way' : `at ${formatDateTime(delivery.nextAttemptAt)}`}`
        : 'Waits for an earlier event of the same envelope';
    case 'failed': {
      // The server's reason reads as a sentence's end ("gave up after 8 attempts (the last: HTTP 500)").
      const reason = delivery.lastError ?? (delivery.lastStatusCode === null ? 'no answer' : `the receiver answered ${delivery.lastStatusCode}`);
      return reason.charAt(0).toUpperCase() + reason.slice(1);
    }
  }
}

/** Why Redeliver cannot be used now, or null when it can (the server refuses the same with 409). */
export function redeliverBlockedReason(delivery: WebhookDelivery, endpoint: Pick<WebhookEndpoint, 'enabled'> | undefined): string | null {
  if (endpoint && !endpoint.enabled) return 'The endpoint is disabled: enable it first, then redeliver.';
  if (delivery.status === 'pending') return 'It is still being delivered, with attempts left. Redeliver once it was delivered or given up on.';
  return null;
}
