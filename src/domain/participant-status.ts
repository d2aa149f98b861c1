import { InvalidStateError } from './errors.js';
import { defineStatusMachine } from './status-machine.js';

/**
 * What a participant is asked to do: sign, approve, view, or only receive the signed result (see
 * DESIGN.md, "Domain model").
 */
export const PARTICIPANT_ROLES = ['signer', 'approver', 'viewer', 'receiver'] as const;

/** What a participant is asked to do in the envelope. */
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * Every status a participant can be in:
 * - `pending`: the envelope has not been sent yet;
 * - `waiting`: sent, but an earlier step is still open;
 * - `notified`: their turn; the provider has invited them;
 * - `viewed`: they opened the envelope;
 * - `completed`: they signed, approved or viewed, as their role asks;
 * - `rejected`: they refused (the reason is kept on the participant);
 * - `skipped`: the envelope went on without them.
 */
export const PARTICIPANT_STATUSES = [
  'pending',
  'waiting',
  'notified',
  'viewed',
  'completed',
  'rejected',
  'skipped',
] as const;

/** Where a participant is in their part of the envelope. */
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/**
 * The only place participant transitions are defined. Every edge moves forward in the order of
 * `PARTICIPANT_STATUSES`, so following the table can never take a participant backwards.
 */
export const PARTICIPANT_TRANSITIONS: Readonly<Record<ParticipantStatus, readonly ParticipantStatus[]>> = {
  // On send: waiting behind an earlier step, or invited at once. Skipped before their turn.
  // `completed` straight from pending: a receiver has nothing to do and completes only when the
  // envelope completes, which can be the first time a sync looks at them.
  pending: ['waiting', 'notified', 'skipped', 'completed'],
  // Their step opened; or skipped. `completed` covers receivers (see above) and a provider that
  // reports a finished signature without ever reporting the invitation; `rejected` likewise.
  waiting: ['notified', 'skipped', 'completed', 'rejected'],
  // Providers that do not report views go straight to the outcome.
  notified: ['viewed', 'completed', 'rejected', 'skipped'],
  viewed: ['completed', 'rejected', 'skipped'],
  // Outcomes are final: the provider never reopens a participant's part.
  completed: [],
  rejected: [],
  skipped: [],
};

// No rank: every edge of the table already moves forward.
const MACHINE = defineStatusMachine(PARTICIPANT_TRANSITIONS);

/** Whether the table allows going from `from` to `to` in one step. */
export function canTransitionParticipant(from: ParticipantStatus, to: ParticipantStatus): boolean {
  return MACHINE.canMove(from, to);
}

/** Throws an `InvalidStateError` (its `currentStatus` is `from`) unless the table allows the step. */
export function assertParticipantTransition(from: ParticipantStatus, to: ParticipantStatus): void {
  if (canTransitionParticipant(from, to)) return;
  const message =
    from === to
      ? `Participant is already ${from}.`
      : isParticipantDone(from)
        ? `Participant is ${from}; they cannot become ${to}. A ${from} participant's part is over.`
        : `Participant is ${from}; they cannot become ${to}.`;
  throw new InvalidStateError(message, from);
}

/** Whether the participant's part is over (completed, rejected or skipped): nothing leaves it. */
export function isParticipantDone(status: ParticipantStatus): boolean {
  return MACHINE.isFinal(status);
}

/**
 * The status a participant gets when the envelope is sent: `notified` when their step is the first
 * one still open (the provider invites them now), `waiting` when an earlier step must finish first.
 */
export function initialStatusOnSend(step: number, firstOpenStep: number): 'notified' | 'waiting' {
  return step <= firstOpenStep ? 'notified' : 'waiting';
}

/**
 * A receiver's status once the envelope completed: `completed` unless their part is already over,
 * because receivers act on nothing and providers may never report them. Other roles are unchanged:
 * their status comes from the provider.
 */
export function statusOnEnvelopeCompleted(role: ParticipantRole, status: ParticipantStatus): ParticipantStatus {
  return role === 'receiver' && !isParticipantDone(status) ? 'completed' : status;
}

/**
 * The statuses to step through, in order, to go from `current` to the status a provider `reported`;
 * each step is an allowed transition. Returns `[]` when `reported` is `current`, is behind it (a late
 * or repeated event), or cannot be reached (e.g. out of completed, rejected or skipped).
 *
 * @example advanceParticipantTowards('waiting', 'viewed') // ['notified', 'viewed']
 */
export function advanceParticipantTowards(current: ParticipantStatus, reported: ParticipantStatus): ParticipantStatus[] {
  return MACHINE.pathTowards(current, reported);
}
