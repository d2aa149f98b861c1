import type { EnvelopeStatus } from './envelope-status.js';
import type { ParticipantRole, ParticipantStatus } from './participant-status.js';

/**
 * The events a host application hears about (the events feed and webhooks: issue 14):
 * immutable records of a change, named resource.verb. Distinct from an envelope's history
 * (`EnvelopeEvent`, `envelope-sent`…), which is the envelope's own log and changes shape with it.
 *
 * Pure: which event a status change makes. Recording them is src/app/events/outbox.ts.
 */
export const EVENT_TYPES = [
  'envelope.sending',
  'envelope.sent',
  'envelope.completed',
  'envelope.rejected',
  'envelope.withdrawn',
  'envelope.expired',
  'envelope.failed',
  'envelope.deleted',
  'participant.waiting',
  'participant.notified',
  'participant.viewed',
  'participant.signed',
  'participant.approved',
  'participant.completed',
  'participant.rejected',
  'participant.skipped',
  'artifact.archived',
  'connection.healthy',
  'connection.unhealthy',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * The event an envelope's move to `to` makes. `draft` and `ready` make none: they follow the
 * host's own edits (the answer to its request already says so), never a provider's news.
 */
export function envelopeEventType(to: EnvelopeStatus): EventType | null {
  switch (to) {
    case 'draft':
    case 'ready':
      return null;
    default:
      return `envelope.${to}`;
  }
}

/**
 * The event a participant's move to `to` makes. `completed` says what their role asked of them:
 * a signer signed, an approver approved; a viewer or receiver only completed (viewed the document,
 * or received the signed copy), which `participant.viewed` (they opened it) must not be confused with.
 * `pending` is where every participant starts: no event.
 */
export function participantEventType(role: ParticipantRole, to: ParticipantStatus): EventType | null {
  switch (to) {
    case 'pending':
      return null;
    case 'completed':
      return role === 'signer' ? 'participant.signed' : role === 'approver' ? 'participant.approved' : 'participant.completed';
    default:
      return `participant.${to}`;
  }
}

/**
 * A connection's health as verified: `ok` or `error` (`unknown` until verified, and again after its
 * settings or key change). An event marks a change between healthy and unhealthy only: `unknown`
 * makes none, and neither does a verify that finds the same health again.
 */
export function connectionEventType(from: string, to: string): EventType | null {
  if (from === to) return null;
  if (to === 'ok') return 'connection.healthy';
  if (to === 'error') return 'connection.unhealthy';
  return null;
}

/**
 * The order events of one transaction are recorded in, for one envelope: what led to an outcome
 * comes before it. A provider report that takes an envelope from sent to completed and its signer
 * from notified to signed is applied envelope first; a host reads `participant.signed`, then
 * `envelope.completed`.
 */
export function eventRank(type: EventType): number {
  switch (type) {
    case 'envelope.completed':
    case 'envelope.rejected':
    case 'envelope.withdrawn':
    case 'envelope.expired':
      return 1;
    case 'envelope.deleted':
      return 2;
    case 'artifact.archived':
      return 3;
    default:
      return 0;
  }
}
