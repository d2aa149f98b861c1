import { fullName } from './format';
import { i18n } from './i18n';
import type { EnvelopeEvent, Participant } from './types';

/**
 * An envelope's history in words. Event types are noun-then-verb (`envelope-sent`,
 * `participant-completed`, see src/app/envelopes/history.ts); a type this list does not know is
 * shown as it is, so a new server event never breaks the page.
 */

/** The history's words for each envelope event (participants.json, `history.envelope`). */
const ENVELOPE_EVENTS = {
  'envelope-created': 'created',
  'envelope-updated': 'updated',
  'envelope-draft': 'draft',
  'envelope-ready': 'ready',
  'envelope-sending': 'sending',
  'envelope-sent': 'sent',
  'envelope-completed': 'completed',
  'envelope-rejected': 'rejected',
  'envelope-withdrawn': 'withdrawn',
  'envelope-expired': 'expired',
  'envelope-failed': 'failed',
  'envelope-deleted': 'deleted',
  'envelope-reminded': 'reminded',
  'envelope-expiry-extended': 'expiryExtended',
  'envelope-pending-skipped': 'pendingSkipped',
  'document-removed': 'documentRemoved',
  'artifacts-archived': 'artifactsArchived',
  'provider-status-unknown': 'providerStatusUnknown',
} as const;

/** A participant's events, each a sentence with their name in it (`history.participant`): word order differs by language. */
const PARTICIPANT_EVENTS = {
  'participant-added': 'added',
  'participant-updated': 'updated',
  'participant-removed': 'removed',
  'participant-waiting': 'waiting',
  'participant-notified': 'notified',
  'participant-viewed': 'viewed',
  'participant-completed': 'completed',
  'participant-rejected': 'rejected',
  'participant-skipped': 'skipped',
} as const;

/** The sources the history has words for (`history.sources`). */
const SOURCES = new Set(['api', 'ui', 'cli', 'callback', 'sync', 'system'] as const);
type Source = typeof SOURCES extends Set<infer Known> ? Known : never;

function known<Table extends Record<string, string>>(table: Table, value: string): Table[keyof Table] | undefined {
  return Object.hasOwn(table, value) ? table[value as keyof Table] : undefined;
}

/** Where a change came from, in the current language; a source this list does not know is shown as it is. */
export function describeSource(source: string): string {
  return SOURCES.has(source as Source) ? i18n.t(`participants:history.sources.${source as Source}`) : source;
}

/** Who asked for the change, where the server recorded it (a person's email, an API key's name); else where it came from. */
export function describeOrigin(event: Pick<EnvelopeEvent, 'source' | 'actor'>): string {
  const actor = event.actor;
  if (!actor) return describeSource(event.source);
  if (actor.kind === 'user') return i18n.t('participants:history.by.user', { name: actor.name });
  if (actor.kind === 'key') return i18n.t('participants:history.by.key', { name: actor.name });
  return i18n.t('participants:history.by.server');
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

/** One line of the history in the current language (read when called, so it follows the language switch). */
export function describeEvent(event: EnvelopeEvent, participants: Participant[]): DescribedEvent {
  const detail = event.detail ?? {};
  const reason = typeof detail.reason === 'string' && detail.reason ? detail.reason : null;
  const tone = toneOf(event.type);

  const participantKey = known(PARTICIPANT_EVENTS, event.type);
  if (participantKey) {
    const name = participantName(event, participants);
    // "completed" says what their role asked: signed, approved, viewed, received.
    const title =
      participantKey === 'completed'
        ? i18n.t('participants:history.participant.completed', { name, role: participants.find((candidate) => candidate.id === event.participantId)?.role ?? 'other' })
        : i18n.t(`participants:history.participant.${participantKey}`, { name });
    return { title, note: reason, tone };
  }

  const envelopeKey = known(ENVELOPE_EVENTS, event.type);
  if (!envelopeKey) return { title: event.type, note: null, tone };
  const title = i18n.t(`participants:history.envelope.${envelopeKey}`);
  let note = reason;
  if (event.type === 'envelope-created') {
    const status = typeof detail.status === 'string' ? detail.status : null;
    const id = typeof detail.clonedFrom === 'string' ? detail.clonedFrom : null;
    if (status !== null && id !== null) note = i18n.t('participants:history.notes.createdAsCopiedFrom', { status, id });
    else if (status !== null) note = i18n.t('participants:history.notes.createdAs', { status });
    else if (id !== null) note = note ? i18n.t('participants:history.notes.reasonCopiedFrom', { reason: note, id }) : i18n.t('participants:history.notes.copiedFrom', { id });
  }
  if (event.type === 'artifacts-archived' && typeof detail.count === 'number') note = i18n.t('participants:history.notes.files', { count: detail.count });
  if (event.type === 'envelope-reminded' && Array.isArray(detail.participants) && detail.participants.length > 0) {
    note = i18n.t('participants:history.notes.remindedTo', { names: detail.participants.join(', ') });
  }
  if (event.type === 'provider-status-unknown' && detail.raw !== undefined) note = i18n.t('participants:history.notes.providerSaid', { raw: JSON.stringify(detail.raw) });
  return { title, note, tone };
}

function participantName(event: EnvelopeEvent, participants: Participant[]): string {
  const participant = participants.find((candidate) => candidate.id === event.participantId);
  if (participant) return fullName(participant);
  // A removed participant is gone from the envelope; the event may still name them.
  const detail = event.detail ?? {};
  const named = [detail.firstName, detail.lastName].filter((part): part is string => typeof part === 'string').join(' ');
  if (named) return named;
  if (typeof detail.email === 'string') return detail.email;
  return i18n.t('participants:history.someone');
}

function toneOf(type: string): DescribedEvent['tone'] {
  if (/-(completed|sent)$/.test(type) || type === 'artifacts-archived') return 'good';
  if (/-(rejected|failed|expired|withdrawn)$/.test(type) || type === 'provider-status-unknown') return 'bad';
  return 'neutral';
}
