import type { EnvelopeEvent } from '../../domain/envelope.js';
import type { EnvelopeStatus } from '../../domain/envelope-status.js';

/**
 * A send that failed without knowing whether the provider created the envelope (a `ProviderError` of
 * kind `outcome-unknown`: ConsignO has no listing to look it up). Nobody may guess: sending again could
 * launch a second live workflow, so a person decides (src/app/envelopes/send-decision.ts).
 */
export interface SendDecision {
  needed: true;
  /** The adapter's account of what is known (title, document ids, when). */
  reason: string;
  /** When the send failed this way. */
  since: string;
}

/** The detail recorded on the `envelope-failed` event of such a send. */
export const DECISION_NEEDED = { kind: 'outcome-unknown', decision: 'needed' } as const;

/**
 * Whether the envelope waits for that decision: it is `failed`, and its latest failure was a lost
 * outcome. Read from the history, so it needs no column and ends with any later status change.
 */
export function sendDecisionOf(envelope: { status: EnvelopeStatus; statusReason: string | null; events: readonly EnvelopeEvent[] }): SendDecision | null {
  if (!mayWaitForSendDecision(envelope.status)) return null;
  const failure = envelope.events.findLast((event) => event.type === 'envelope-failed');
  if (!failure || failure.detail?.decision !== DECISION_NEEDED.decision) return null;
  return { needed: true, reason: envelope.statusReason ?? String(failure.detail.reason ?? 'The provider may or may not have the envelope.'), since: failure.occurredAt };
}

/** Only a failed envelope can wait for a send decision: the others have none, whatever their history. */
export function mayWaitForSendDecision(status: EnvelopeStatus): boolean {
  return status === 'failed';
}
