import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { checkAnswer, withoutNulls } from '../answers.js';
import { ProviderError } from '../errors.js';
import type { AutentiEvent, AutentiFile, AutentiParty, AutentiProcess } from './types.js';

/**
 * What Autenti answers, checked at the boundary (TypeBox) before anything is read from it.
 *
 * Two documents describe these answers and they differ (docs/providers.md, "Autenti: live service
 * versus seed 003 — the adapter"): seed 003 shows a process's files as `contentElements` and a party's
 * events as `participationEvents`; the live service, as Autenti's own Power Automate connector reads
 * it, says `files` and `events`. Both are accepted, and normalised here to one internal shape
 * (types.ts: `files`, `events`), so nothing past this file knows there were two.
 *
 * The schemas are loose where a new field or value must never break reading (extra properties are
 * allowed, values such as statuses are checked where they are used) and strict where a wrong guess
 * would give a wrong status: an answer whose structure neither document describes (a process without
 * an id, `parties` that is not a list, a file without an id, an event list that is an object) is
 * refused with `ProviderError` kind `unsupported` (not retryable: asking again gets the same answer)
 * saying what Autenti answered and what was expected. `null` counts as absent, as in requests.
 */

const Text = Type.String();
const Opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

const FileSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  filename: Opt(Text),
  version: Opt(Type.Union([Text, Type.Number()])),
  modificationTime: Opt(Text),
  filePurpose: Opt(Text),
  mimeType: Opt(Text),
  size: Opt(Type.Number()),
});

const ParticipationEventSchema = Type.Object({
  eventType: Opt(Text),
  timestamp: Opt(Text),
  comment: Opt(Type.Unknown()),
  attributes: Opt(Type.Object({ comment: Opt(Type.Unknown()) })),
});

const ConstraintSchema = Type.Object({
  classifiers: Opt(Type.Array(Text)),
  attributes: Opt(Type.Record(Type.String(), Type.Unknown())),
  constrainedActions: Opt(Type.Array(Text)),
});

const PartySchema = Type.Object({
  party: Opt(
    Type.Object({
      id: Opt(Text),
      firstName: Opt(Text),
      lastName: Opt(Text),
      name: Opt(Text),
      email: Opt(Text),
      contacts: Opt(Type.Array(Type.Object({ type: Opt(Text), attributes: Opt(Type.Object({ email: Opt(Text) })) }))),
    }),
  ),
  role: Opt(Text),
  participationStatus: Opt(Text),
  constraints: Opt(Type.Array(ConstraintSchema)),
  /** Seed 003. */
  participationEvents: Opt(Type.Array(ParticipationEventSchema)),
  /** The live service (the connector's reading). */
  events: Opt(Type.Array(ParticipationEventSchema)),
  attributes: Opt(Type.Object({ comment: Opt(Type.Unknown()) })),
});

const ProcessSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  title: Opt(Text),
  description: Opt(Text),
  processLanguage: Opt(Text),
  status: Opt(Text),
  parties: Opt(Type.Array(PartySchema)),
  /** Seed 003. */
  contentElements: Opt(Type.Array(FileSchema)),
  /** The live service. */
  files: Opt(Type.Array(FileSchema)),
  createdAt: Opt(Text),
  modifiedAt: Opt(Text),
});

/** The generic event (seed 003, the 200 answers of actions; the connector's callback deliveries). */
export const EventSchema = Type.Object({
  id: Opt(Text),
  // Both documents' events name their type; an object without one is not an event.
  eventType: Type.String({ minLength: 1 }),
  timestamp: Opt(Text),
  classifiers: Opt(Type.Array(Text)),
  actor: Opt(Type.Object({ id: Opt(Text), type: Opt(Text) })),
  object: Opt(Type.Object({ id: Opt(Text), type: Opt(Text) })),
  attributes: Opt(Type.Record(Type.String(), Type.Unknown())),
});

/** An action's answer: the seed's single event, or the live service's JSON array of events. */
const ActionAnswerSchema = Type.Union([EventSchema, Type.Array(EventSchema)]);

/** The answer of `POST /applications/callbacks` (docs/providers.md, the wire contract). */
const SubscriptionSchema = Type.Object({ id: Type.String({ minLength: 1 }) });

/** The `ProviderError` for an answer whose shape neither document describes. */
export function unexpectedShape(what: string, said: string, expected: string): ProviderError {
  return new ProviderError({
    kind: 'unsupported',
    provider: 'autenti',
    feature: 'response-shape',
    retryable: false,
    message: `Autenti answered ${what} in a shape Countersign does not know, so it did not guess: ${said}; expected ${expected} (seed 003 or Autenti's connector). Check the document process in Autenti, and report this answer to the Countersign maintainers.`,
  });
}

/** `value` checked against `schema`; the first mismatch, in words, otherwise. */
function check<T extends TSchema>(schema: T, value: unknown, what: string, expected: string): Static<T> {
  return checkAnswer(schema, value, (said) => unexpectedShape(what, said, expected));
}

const PROCESS_EXPECTED = 'a document process object with an id, parties as a list, files as a list in `files` or `contentElements`, and party events as a list in `events` or `participationEvents`';

/**
 * A document process, checked and normalised: `files` from `files` or else `contentElements`
 * (`undefined` when the answer has neither: the caller that needs files says so), each party's
 * `events` from `events` or else `participationEvents`. When both names are present (the sandbox's
 * default sends both), the live name wins; they list the same things.
 */
export function readProcess(value: unknown, what: string): AutentiProcess {
  const raw = check(ProcessSchema, value, what, PROCESS_EXPECTED);
  const { contentElements, files, parties, ...rest } = raw;
  const chosenFiles = files ?? contentElements;
  return {
    ...rest,
    ...(chosenFiles === undefined ? {} : { files: chosenFiles as AutentiFile[] }),
    ...(parties === undefined ? {} : { parties: parties.map(readParty) }),
  };
}

function readParty(raw: Static<typeof PartySchema>): AutentiParty {
  const { participationEvents, events, ...rest } = raw;
  const chosen = events ?? participationEvents;
  return { ...rest, ...(chosen === undefined ? {} : { events: chosen }) } as AutentiParty;
}

/** One file object (`POST …/files` answers, `GET …/files` items). */
export function readFile(value: unknown, what: string): AutentiFile {
  return check(FileSchema, value, what, 'a file object with an id') as AutentiFile;
}

/**
 * The answer of a successful action: the events it produced, from one event object (seed 003) or a
 * JSON array of events (the live service); an empty body is no event. Anything else is refused.
 */
export function readActionAnswer(value: unknown, what: string): AutentiEvent[] {
  if (value === undefined) return [];
  const answer = check(ActionAnswerSchema, value, what, 'one event object or a JSON array of events');
  return (Array.isArray(answer) ? answer : [answer]) as AutentiEvent[];
}

/**
 * A callback delivery: the client-level callback's single event (seed 003) or a subscription's JSON
 * array of events (the live service). `null` when it is neither.
 */
export function readDelivery(value: unknown): AutentiEvent[] | null {
  const cleaned = withoutNulls(value);
  if (Array.isArray(cleaned)) return cleaned.every((item) => Value.Check(EventSchema, item)) ? (cleaned as AutentiEvent[]) : null;
  return Value.Check(EventSchema, cleaned) && cleaned !== null && typeof cleaned === 'object' ? [cleaned as AutentiEvent] : null;
}

/** The answer of `POST /applications/callbacks`: the new subscription's id. */
export function readSubscription(value: unknown, what: string): { id: string } {
  return check(SubscriptionSchema, value, what, 'an object with the subscription id in `id`');
}
