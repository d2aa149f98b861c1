import { InvalidStateError } from './errors.js';

/**
 * Every status an envelope can be in. The lifecycle is draft → ready → sending → sent → one outcome,
 * with `failed` as the side track a send can fall onto and be corrected from (see DESIGN.md,
 * "Domain model").
 */
export const ENVELOPE_STATUSES = [
  'draft',
  'ready',
  'sending',
  'sent',
  'completed',
  'rejected',
  'withdrawn',
  'expired',
  'failed',
] as const;

/** Where an envelope is in its lifecycle. */
export type EnvelopeStatus = (typeof ENVELOPE_STATUSES)[number];

/**
 * The only place envelope transitions are defined; every status change in the app goes through
 * `assertEnvelopeTransition` or `advanceEnvelopeTowards`, which read this table. No status lists
 * itself: a "change" to the same status is not a transition.
 */
export const ENVELOPE_TRANSITIONS: Readonly<Record<EnvelopeStatus, readonly EnvelopeStatus[]>> = {
  // It now has at least one document and one signer, so it could be sent.
  draft: ['ready'],
  // Back to draft: editing removed the last document or signer. Forward: the user asked to send.
  ready: ['draft', 'sending'],
  // The provider accepted it; or the provider refused it / sending gave up after its retries.
  sending: ['sent', 'failed'],
  // The provider is the one that reports each outcome.
  sent: ['completed', 'rejected', 'withdrawn', 'expired'],
  // Outcomes are final: the provider's process is over and there is nothing left to move.
  completed: [],
  rejected: [],
  withdrawn: [],
  expired: [],
  // Sent again after a correction; or edited after the failure, so the status is recomputed from
  // its content (`contentStatus`), which gives draft or ready.
  failed: ['sending', 'draft', 'ready'],
};

/**
 * How far along the lifecycle a status is. A provider snapshot may only move an envelope to an
 * equal or higher rank. `failed` shares the rank of `sending` because a send can go either way
 * between them (it fails, is corrected and sent again) without anything moving backwards; `draft`
 * and `ready` sit below because returning to them is an edit by a user, never a provider's report.
 */
const RANK: Readonly<Record<EnvelopeStatus, number>> = {
  draft: 0,
  ready: 1,
  sending: 2,
  failed: 2,
  sent: 3,
  completed: 4,
  rejected: 4,
  withdrawn: 4,
  expired: 4,
};

/** Whether the table allows going from `from` to `to` in one step. */
export function canTransitionEnvelope(from: EnvelopeStatus, to: EnvelopeStatus): boolean {
  return ENVELOPE_TRANSITIONS[from].includes(to);
}

/**
 * Throws an `InvalidStateError` (its `currentStatus` is `from`) unless the table allows the step.
 * Call it before every status change the app makes on its own initiative (send, edit, withdraw…).
 */
export function assertEnvelopeTransition(from: EnvelopeStatus, to: EnvelopeStatus): void {
  if (canTransitionEnvelope(from, to)) return;
  const message =
    from === to
      ? `Envelope is already ${from}.`
      : isTerminal(from)
        ? `Envelope is ${from}; it cannot become ${to}. A ${from} envelope is final.`
        : `Envelope is ${from}; it cannot become ${to}.`;
  throw new InvalidStateError(message, from);
}

/**
 * Whether the envelope's content may be edited, its participants added, changed or removed, and the
 * envelope deleted: only before it reached the provider, or after the provider refused it.
 */
export function isEnvelopeEditable(status: EnvelopeStatus): boolean {
  return status === 'draft' || status === 'ready' || status === 'failed';
}

/** Whether the status is a final outcome (completed, rejected, withdrawn, expired): nothing leaves it. */
export function isTerminal(status: EnvelopeStatus): boolean {
  return ENVELOPE_TRANSITIONS[status].length === 0;
}

/** Whether the provider holds the envelope now (sending or sent), so sync and withdraw apply. */
export function isInFlight(status: EnvelopeStatus): boolean {
  return status === 'sending' || status === 'sent';
}

/**
 * The status an editable envelope's content earns: `ready` once it has at least one document and at
 * least one participant whose role is signer (a process with nobody to sign has nothing to
 * complete), otherwise `draft`.
 */
export function contentStatus(documentCount: number, signerCount: number): 'draft' | 'ready' {
  return documentCount >= 1 && signerCount >= 1 ? 'ready' : 'draft';
}

/**
 * The statuses to step through, in order, to go from `current` to the status a provider `reported`;
 * each step is an allowed transition, so the envelope's history records every one. Returns `[]` when
 * there is nothing to do: `reported` is `current`, is behind it (a late or repeated event), or cannot
 * be reached (e.g. out of a terminal status). Only steps that keep or raise the rank are followed, so
 * a provider's report never sends an envelope back to draft.
 *
 * @example advanceEnvelopeTowards('sending', 'completed') // ['sent', 'completed']
 */
export function advanceEnvelopeTowards(current: EnvelopeStatus, reported: EnvelopeStatus): EnvelopeStatus[] {
  if (current === reported) return [];
  // Breadth-first, so the path is the shortest one and follows the table's order on ties.
  const cameFrom = new Map<EnvelopeStatus, EnvelopeStatus>();
  const queue: EnvelopeStatus[] = [current];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    for (const next of ENVELOPE_TRANSITIONS[status]) {
      if (next === current || cameFrom.has(next) || RANK[next] < RANK[status]) continue;
      cameFrom.set(next, status);
      if (next === reported) return pathTo(reported, current, cameFrom);
      queue.push(next);
    }
  }
  return [];
}

function pathTo(
  target: EnvelopeStatus,
  start: EnvelopeStatus,
  cameFrom: ReadonlyMap<EnvelopeStatus, EnvelopeStatus>,
): EnvelopeStatus[] {
  const path: EnvelopeStatus[] = [];
  for (let status = target; status !== start; status = cameFrom.get(status)!) path.unshift(status);
  return path;
}
