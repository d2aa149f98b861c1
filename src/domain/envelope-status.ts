import { InvalidStateError } from './errors.js';
import { defineStatusMachine } from './status-machine.js';

/**
 * Every status an envelope can be in. The lifecycle is draft → ready → sending → sent → one outcome,
 * with `failed` as the side track a send can fall onto and be corrected from (see DESIGN.md,
 * "Domain model"). `deleted`: deleted at the provider on request, kept here as history.
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
  'deleted',
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
  // The provider is the one that reports each outcome, and a failure after sending (Connective
  // reports `Failed` when it cannot process a package it accepted). Deleted at the provider on request.
  sent: ['completed', 'rejected', 'withdrawn', 'expired', 'failed', 'deleted'],
  // Outcomes are final: the provider's process is over. Only deleting it at the provider remains.
  completed: ['deleted'],
  rejected: ['deleted'],
  withdrawn: ['deleted'],
  expired: ['deleted'],
  // Sent again after a correction; the provider has it after all (the send gave up here after it
  // had reached the provider, or the provider recovered); or edited after the failure, so the
  // status is recomputed from its content (`contentStatus`), which gives draft or ready.
  failed: ['sending', 'sent', 'draft', 'ready'],
  // Gone from the provider; the local record is history.
  deleted: [],
};

/**
 * How far along the lifecycle a status is. A provider snapshot may only move an envelope to an
 * equal or higher rank. `failed` shares the rank of `sent` because a provider can report either
 * after the other (a package that fails after it was sent; a send that gave up here although the
 * provider had it). Sending again (`failed → sending`) and returning to `draft` or `ready` go down
 * the ranks, because they are a person's doing, never a provider's report.
 */
const RANK: Readonly<Record<EnvelopeStatus, number>> = {
  draft: 0,
  ready: 1,
  sending: 2,
  sent: 3,
  failed: 3,
  completed: 4,
  rejected: 4,
  withdrawn: 4,
  expired: 4,
  deleted: 5,
};

const MACHINE = defineStatusMachine(ENVELOPE_TRANSITIONS, { rank: RANK });

/** The provider's process is over: nothing but deleting the envelope at the provider can follow. */
const OUTCOMES: ReadonlySet<EnvelopeStatus> = new Set(['completed', 'rejected', 'withdrawn', 'expired']);

/** Whether the table allows going from `from` to `to` in one step. */
export function canTransitionEnvelope(from: EnvelopeStatus, to: EnvelopeStatus): boolean {
  return MACHINE.canMove(from, to);
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

/**
 * Whether the envelope's process is over: an outcome (completed, rejected, withdrawn, expired),
 * which only deleting can follow, or deleted, which nothing leaves.
 */
export function isTerminal(status: EnvelopeStatus): boolean {
  return OUTCOMES.has(status) || MACHINE.isFinal(status);
}

/**
 * Whether a DELETE of an envelope in this status removes it at the provider (after confirmation),
 * keeping the local record as history, instead of removing the local record.
 */
export function deletesAtProvider(status: EnvelopeStatus): boolean {
  return canTransitionEnvelope(status, 'deleted');
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
 * be reached (e.g. from an outcome to anything but `deleted`). Only steps that keep or raise the rank are followed, so
 * a provider's report never sends an envelope back to draft.
 *
 * @example advanceEnvelopeTowards('sending', 'completed') // ['sent', 'completed']
 */
export function advanceEnvelopeTowards(current: EnvelopeStatus, reported: EnvelopeStatus): EnvelopeStatus[] {
  return MACHINE.pathTowards(current, reported);
}
