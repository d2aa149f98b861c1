import { fullName } from './format';
import { participantStatusWords } from './status';
import type { EnvelopeEvent, Participant } from './types';

/**
 * An envelope's history in words. Event types are noun-then-verb (`envelope-sent`,
 * `participant-completed`, see src/app/envelopes/history.ts); a type this list does not know is
 * shown as it is, so a new server event never breaks the page.
 */

const ENVELOPE_EVENTS: Record<string, string> = {
  'envelope-created': 'Created',
  'envelope-updated': 'Details changed',
  'envelope-draft': 'Back to draft: it needs a document and a signer',
  'envelope-ready': 'Ready to send',
  'envelope-sending': 'Sending to the provider',
  'envelope-sent': 'Sent to the provider',
  'envelope-completed': 'Completed by every participant',
  'envelope-rejected': 'Declined',
  'envelope-withdrawn': 'Withdrawn',
  'envelope-expired': 'Expired',
  'envelope-failed': 'Sending failed',
  'envelope-deleted': 'Deleted at the provider; kept here as history',
  'envelope-reminded': 'Reminder sent',
  'envelope-expiry-extended': 'Expiry extended',
  'envelope-pending-skipped': 'Participants who had not acted were skipped',
  'document-removed': 'A document was removed',
  'artifacts-archived': 'Signed files and audit proofs received from the provider',
  'provider-status-unknown': 'The provider reported a status Countersign does not know yet',
};

/** What follows the participant's name. */
const PARTICIPANT_EVENTS: Record<string, string> = {
  'participant-added': 'was added',
  'participant-updated': 'was changed',
  'participant-removed': 'was removed',
  'participant-waiting': 'waits for an earlier step',
  'participant-notified': 'was invited',
  'participant-viewed': 'opened the envelope',
  'participant-completed': 'completed',
  'participant-rejected': 'declined the envelope',
  'participant-skipped': 'was skipped',
};

const SOURCES: Record<string, string> = {
  api: 'API or web app',
  ui: 'Web app',
  cli: 'Command line',
  callback: 'Provider notification',
  sync: 'Status sync',
  system: 'Countersign',
};

export function describeSource(source: string): string {
  return SOURCES[source] ?? source;
}

/** Who asked for the change, where the server recorded it (a person's email, an API key's name); else where it came from. */
export function describeOrigin(event: Pick<EnvelopeEvent, 'source' | 'actor'>): string {
  const actor = event.actor;
  if (!actor) return describeSource(event.source);
  if (actor.kind === 'user') return `by ${actor.name}`;
  if (actor.kind === 'key') return `by API key “${actor.name}”`;
  return 'by the server’s API key (COUNTERSIGN_API_KEY)';
}

/**
 * The history without lines that repeat the one before in every respect (what, who, to whom, with
 * which detail, in the same second): a provider that reports one change twice, or a double-submitted
 * request, reads as one line. Two real reminders a minute apart stay two.
 */
export function withoutRepeats<T extends Pick<EnvelopeEvent, 'type' | 'participantId' | 'detail' | 'occurredAt' | 'actor'>>(events: readonly T[]): T[] {
  const key = (event: T) => JSON.stringify([event.type, event.participantId, event.detail, event.actor, event.occurredAt.slice(0, 19)]);
  return events.filter((event, index) => index === 0 || key(event) !== key(events[index - 1]!));
}

export interface DescribedEvent {
  title: string;
  /** A reason or a count worth a second line. */
  note: string | null;
  tone: 'neutral' | 'good' | 'bad';
}

export function describeEvent(event: EnvelopeEvent, participants: Participant[]): DescribedEvent {
  const detail = event.detail ?? {};
  const reason = typeof detail.reason === 'string' && detail.reason ? detail.reason : null;
  const tone = toneOf(event.type);

  const participantVerb = PARTICIPANT_EVENTS[event.type];
  if (participantVerb) {
    const who = participantName(event, participants);
    // "completed" says what their role asked: signed, approved, viewed, received.
    const verb = event.type === 'participant-completed' ? completedVerb(event, participants) : participantVerb;
    return { title: `${who} ${verb}`, note: reason, tone };
  }

  const title = ENVELOPE_EVENTS[event.type];
  if (!title) return { title: event.type, note: null, tone };
  let note = reason;
  if (event.type === 'envelope-created' && typeof detail.status === 'string') note = `As ${detail.status === 'ready' ? 'ready to send' : 'a draft'}`;
  if (event.type === 'envelope-created' && typeof detail.clonedFrom === 'string') note = `${note ? `${note}, c` : 'C'}opied from envelope ${detail.clonedFrom}`;
  if (event.type === 'artifacts-archived' && typeof detail.count === 'number') note = `${detail.count} file${detail.count === 1 ? '' : 's'}`;
  if (event.type === 'envelope-reminded' && Array.isArray(detail.participants) && detail.participants.length > 0) {
    note = `To ${detail.participants.join(', ')}`;
  }
  if (event.type === 'provider-status-unknown' && detail.raw !== undefined) note = `The provider said: ${JSON.stringify(detail.raw)}`;
  return { title, note, tone };
}

function completedVerb(event: EnvelopeEvent, participants: Participant[]): string {
  const role = participants.find((candidate) => candidate.id === event.participantId)?.role;
  return role ? participantStatusWords({ role, status: 'completed', step: 1 }).label.toLowerCase() : 'completed';
}

function participantName(event: EnvelopeEvent, participants: Participant[]): string {
  const participant = participants.find((candidate) => candidate.id === event.participantId);
  if (participant) return fullName(participant);
  // A removed participant is gone from the envelope; the event may still name them.
  const detail = event.detail ?? {};
  const named = [detail.firstName, detail.lastName].filter((part): part is string => typeof part === 'string').join(' ');
  if (named) return named;
  if (typeof detail.email === 'string') return detail.email;
  return 'A participant';
}

function toneOf(type: string): DescribedEvent['tone'] {
  if (/-(completed|sent)$/.test(type) || type === 'artifacts-archived') return 'good';
  if (/-(rejected|failed|expired|withdrawn)$/.test(type) || type === 'provider-status-unknown') return 'bad';
  return 'neutral';
}
