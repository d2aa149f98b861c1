import type { ProviderEnvelope, ProviderTruth } from './providers.js';

/**
 * The chaos soak's history check (issue 16): once the faults have stopped and a final sync has run,
 * every envelope as Countersign tells it is compared with the provider's own record. A pure function
 * of what was read, so that its rules are tested on their own (checker.test.ts).
 */

export type CountersignParticipant = { id: string; email: string; role: string; status: string; rejectionReason: string | null };
export type CountersignEnvelope = {
  id: string;
  status: string;
  statusReason: string | null;
  providerReference: string | null;
  participants: CountersignParticipant[];
  documents: unknown[];
  archive: { status: string; lastError: string | null } | null;
};
export type CountersignArtifact = { kind: 'signed' | 'audit'; sha256: string };
export type FeedEvent = { id: string; type: string; data: { participant?: { id: string } } };

export type EnvelopeRecord = {
  /** How the soak names it (its title), for the report. */
  label: string;
  /** The user's send was accepted (202). A send that failed is not lost: Countersign says so, with the reason. */
  sendAccepted: boolean;
  countersign: CountersignEnvelope;
  artifacts: CountersignArtifact[];
  /** The provider's record of `countersign.providerReference`, when it has one. */
  truth: ProviderTruth | null;
  /** The provider's envelopes made for this one (matched by the title the soak gave it). */
  atProvider: ProviderEnvelope[];
  /** This envelope's events, in the feed's order. */
  events: FeedEvent[];
};

export const COUNTS = ['lost', 'duplicated', 'stuck', 'wrong', 'missingArtifacts', 'backwards', 'orphans'] as const;
export type CountName = (typeof COUNTS)[number];
export type CheckReport = { counts: Record<CountName, number>; examples: Record<CountName, string[]>; outcomes: Record<string, number>; failedSends: string[] };

const TERMINAL = new Set(['completed', 'rejected', 'withdrawn', 'expired']);

/** Where a status event stands in its subject's life: a later event never stands lower. */
const ENVELOPE_RANK: Record<string, number> = { 'envelope.sending': 1, 'envelope.failed': 1, 'envelope.sent': 2, 'envelope.completed': 3, 'envelope.rejected': 3, 'envelope.withdrawn': 3, 'envelope.expired': 3, 'envelope.deleted': 4 };
const PARTICIPANT_RANK: Record<string, number> = {
  'participant.waiting': 1,
  'participant.notified': 2,
  'participant.viewed': 3,
  'participant.signed': 4,
  'participant.approved': 4,
  'participant.completed': 4,
  'participant.rejected': 4,
  'participant.skipped': 4,
};

function participantOutcome(status: string): ProviderTruth['participants'][number]['outcome'] {
  if (status === 'completed') return 'done';
  if (status === 'rejected' || status === 'skipped') return status;
  return 'open';
}

export function checkHistories(records: readonly EnvelopeRecord[]): CheckReport {
  const counts = Object.fromEntries(COUNTS.map((name) => [name, 0])) as Record<CountName, number>;
  const examples = Object.fromEntries(COUNTS.map((name) => [name, [] as string[]])) as Record<CountName, string[]>;
  const outcomes: Record<string, number> = {};
  const failedSends: string[] = [];
  const found = (name: CountName, record: EnvelopeRecord, what: string) => {
    counts[name] += 1;
    if (examples[name].length < 10) examples[name].push(`${record.label} (${record.countersign.id}): ${what}`);
  };

  for (const record of records) {
    const envelope = record.countersign;
    outcomes[envelope.status] = (outcomes[envelope.status] ?? 0) + 1;
    const live = record.atProvider.filter((candidate) => !candidate.draft);
    const drafts = record.atProvider.filter((candidate) => candidate.draft);
    if (envelope.status === 'failed') failedSends.push(`${record.label}: ${envelope.statusReason ?? '(no reason)'}`);

    if (record.sendAccepted && envelope.status !== 'failed' && live.length === 0) found('lost', record, `Countersign says ${envelope.status}, the provider has no live envelope for it`);
    if (live.length > 1) found('duplicated', record, `${live.length} live envelopes at the provider: ${live.map((candidate) => candidate.reference).join(', ')}`);
    // A failed send's draft is the one its checkpoint holds for the resend: not an orphan.
    if (drafts.length > 0 && envelope.status !== 'failed') found('orphans', record, `drafts left at the provider: ${drafts.map((candidate) => candidate.reference).join(', ')}`);
    if (envelope.status === 'failed' && live.length > 0) found('wrong', record, `failed here, but live at the provider as ${live.map((candidate) => candidate.reference).join(', ')}`);

    const truth = record.truth;
    if (truth) {
      const providerTerminal = TERMINAL.has(truth.status);
      if (!TERMINAL.has(envelope.status) && providerTerminal) found('stuck', record, `${envelope.status} here, ${truth.status} at the provider`);
      else if (envelope.status !== (truth.status === 'open' ? 'sent' : truth.status)) found('wrong', record, `${envelope.status} here, ${truth.status} at the provider`);
      for (const theirs of truth.participants) {
        const ours = envelope.participants.find((participant) => participant.email.toLowerCase() === theirs.email.toLowerCase());
        if (!ours) {
          found('wrong', record, `the provider has participant ${theirs.email}, Countersign does not`);
          continue;
        }
        // A receiver has nothing to do: Countersign counts them done when the envelope is, a provider
        // may keep them pending (Autenti's VIEWER until they look). Only those who act are compared.
        if (ours.role === 'receiver' || ours.role === 'viewer') continue;
        const outcome = participantOutcome(ours.status);
        const same = theirs.outcome === 'open' ? outcome === 'open' || ours.status === 'skipped' : outcome === theirs.outcome;
        if (!same) found('wrong', record, `${theirs.email} is ${ours.status} here, ${theirs.outcome} at the provider`);
        else if (theirs.outcome === 'rejected' && (ours.rejectionReason ?? null) !== theirs.reason) {
          found('wrong', record, `${theirs.email} rejected with ${JSON.stringify(ours.rejectionReason)} here, ${JSON.stringify(theirs.reason)} at the provider`);
        }
      }
      if (envelope.status === 'completed' && truth.signedSha256 === null) {
        // The provider deleted the files after the envelope ended: nobody can archive them, and the
        // envelope must say so (a failed archive with its reason), never look archived or still hopeful.
        if (envelope.archive?.status !== 'failed' || !envelope.archive.lastError) found('missingArtifacts', record, `the provider no longer has the signed files, but the archive is ${envelope.archive?.status ?? 'absent'} rather than failed with the reason`);
      } else if (envelope.status === 'completed' && truth.signedSha256 !== null) {
        const archived = new Set(record.artifacts.filter((artifact) => artifact.kind === 'signed').map((artifact) => artifact.sha256));
        const missing = truth.signedSha256.filter((sha256) => !archived.has(sha256));
        if (envelope.archive?.status !== 'archived') found('missingArtifacts', record, `archive ${envelope.archive?.status ?? 'absent'}${envelope.archive?.lastError ? `: ${envelope.archive.lastError}` : ''}`);
        else if (archived.size === 0 || truth.signedSha256.length === 0 || missing.length > 0) {
          found('missingArtifacts', record, `${missing.length} of the provider's ${truth.signedSha256.length} signed files not archived byte for byte (${archived.size} archived)`);
        }
      }
    } else if (envelope.providerReference !== null) {
      found('lost', record, `the provider has no envelope ${envelope.providerReference}`);
    }

    const backwards = backwardsEvents(record.events);
    if (backwards.length > 0) found('backwards', record, backwards.join('; '));
  }
  return { counts, examples, outcomes, failedSends };
}

/** Status events that came after a later one of the same subject (the envelope, or one participant). */
export function backwardsEvents(events: readonly FeedEvent[]): string[] {
  const highest = new Map<string, { rank: number; type: string }>();
  const found: string[] = [];
  for (const event of events) {
    const envelopeRank = ENVELOPE_RANK[event.type];
    const participantRank = PARTICIPANT_RANK[event.type];
    const rank = envelopeRank ?? participantRank;
    if (rank === undefined) continue;
    const subject = envelopeRank !== undefined ? 'envelope' : `participant ${event.data.participant?.id ?? '?'}`;
    const before = highest.get(subject);
    // A failed send sent again starts over (failed → sending): the same rank, not backwards.
    if (before && rank < before.rank) found.push(`${event.type} after ${before.type} (${subject})`);
    if (!before || rank >= before.rank) highest.set(subject, { rank, type: event.type });
  }
  return found;
}
