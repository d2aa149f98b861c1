import { describe, expect, it } from 'vitest';
import { backwardsEvents, checkHistories, type EnvelopeRecord } from './checker.js';

/** The history check's rules, each on a record made to break it (and one that breaks none). */

const SHA = 'a'.repeat(64);

type Overrides = Omit<Partial<EnvelopeRecord>, 'countersign'> & { countersign?: Partial<EnvelopeRecord['countersign']> };

function record(overrides: Overrides = {}): EnvelopeRecord {
  const { countersign, ...rest } = overrides;
  return {
    label: 'Chaos #1',
    sendAccepted: true,
    countersign: {
      id: 'env_1',
      status: 'completed',
      statusReason: null,
      providerReference: 'p-1',
      participants: [{ id: 'par_1', email: 'ann@example.com', role: 'signer', status: 'completed', rejectionReason: null }],
      documents: [{}],
      archive: { status: 'archived', lastError: null },
      ...countersign,
    },
    artifacts: [{ kind: 'signed', sha256: SHA }],
    truth: { status: 'completed', participants: [{ email: 'ann@example.com', outcome: 'done', reason: null }], signedSha256: [SHA] },
    atProvider: [{ reference: 'p-1', title: 'Chaos #1', draft: false }],
    events: [
      { id: 'ev_1', type: 'envelope.sending', data: {} },
      { id: 'ev_2', type: 'envelope.sent', data: {} },
      { id: 'ev_3', type: 'envelope.completed', data: {} },
    ],
    ...rest,
  };
}

const countsOf = (records: EnvelopeRecord[]) => checkHistories(records).counts;
const zero = { lost: 0, duplicated: 0, stuck: 0, wrong: 0, missingArtifacts: 0, backwards: 0, orphans: 0 };

describe('the chaos soak history check', () => {
  it('counts nothing for an envelope that ended as the provider says, its files archived', () => {
    expect(countsOf([record()])).toEqual(zero);
  });

  it('counts a sent envelope the provider does not have as lost, but not a send that failed and says so', () => {
    expect(countsOf([record({ atProvider: [], truth: null, countersign: { providerReference: null, status: 'sent' } })]).lost).toBe(1);
    const failed = checkHistories([record({ atProvider: [], truth: null, countersign: { providerReference: null, status: 'failed', statusReason: 'gave up' } })]);
    expect(failed.counts).toEqual(zero);
    expect(failed.failedSends).toEqual(['Chaos #1: gave up']);
  });

  it('counts two live provider envelopes as duplicated, and a draft left behind as an orphan', () => {
    expect(countsOf([record({ atProvider: [{ reference: 'p-1', title: 'Chaos #1', draft: false }, { reference: 'p-2', title: 'Chaos #1', draft: false }] })]).duplicated).toBe(1);
    expect(countsOf([record({ atProvider: [{ reference: 'p-1', title: 'Chaos #1', draft: false }, { reference: 'p-0', title: 'Chaos #1 [Countersign env_1]', draft: true }] })]).orphans).toBe(1);
  });

  it('counts an envelope open here but ended at the provider as stuck, and a different ending as wrong', () => {
    expect(countsOf([record({ countersign: { status: 'sent' } })]).stuck).toBe(1);
    expect(countsOf([record({ countersign: { status: 'rejected' } })]).wrong).toBe(1);
  });

  it('compares each acting participant and a rejection reason, but not a receiver', () => {
    const rejected = record({
      countersign: { status: 'rejected', participants: [{ id: 'par_1', email: 'ann@example.com', role: 'signer', status: 'rejected', rejectionReason: 'No' }] },
      truth: { status: 'rejected', participants: [{ email: 'ann@example.com', outcome: 'rejected', reason: 'Not this' }], signedSha256: [] },
    });
    expect(countsOf([rejected]).wrong).toBe(1);
    const receiver = record({
      countersign: { participants: [{ id: 'par_1', email: 'ann@example.com', role: 'signer', status: 'completed', rejectionReason: null }, { id: 'par_2', email: 'rob@example.com', role: 'receiver', status: 'completed', rejectionReason: null }] },
      truth: { status: 'completed', participants: [{ email: 'ann@example.com', outcome: 'done', reason: null }, { email: 'rob@example.com', outcome: 'open', reason: null }], signedSha256: [SHA] },
    });
    expect(countsOf([receiver])).toEqual(zero);
  });

  it('counts a completed envelope whose files are not archived, or not byte for byte, as missing artifacts', () => {
    expect(countsOf([record({ countersign: { archive: { status: 'failed', lastError: 'refused' } } })]).missingArtifacts).toBe(1);
    expect(countsOf([record({ artifacts: [{ kind: 'signed', sha256: 'b'.repeat(64) }] })]).missingArtifacts).toBe(1);
  });

  it('asks a completed envelope whose files the provider deleted since to say so: a failed archive with its reason', () => {
    const deletedSince = { status: 'completed' as const, participants: [{ email: 'ann@example.com', outcome: 'done' as const, reason: null }], signedSha256: null };
    const saysSo = record({ artifacts: [], truth: deletedSince, countersign: { archive: { status: 'failed', lastError: 'Workflow p-1 was deleted at ConsignO Cloud…' } } });
    expect(countsOf([saysSo])).toEqual(zero);
    expect(countsOf([record({ artifacts: [], truth: deletedSince, countersign: { archive: { status: 'pending', lastError: 'deleted' } } })]).missingArtifacts).toBe(1);
    expect(countsOf([record({ artifacts: [], truth: deletedSince, countersign: { archive: { status: 'failed', lastError: null } } })]).missingArtifacts).toBe(1);
    expect(countsOf([record({ artifacts: [], truth: deletedSince, countersign: { status: 'withdrawn', archive: null } })]).wrong).toBe(1);
  });

  it('counts a status event after a later one of the same subject as backwards; a resend after a failure is not', () => {
    expect(backwardsEvents([{ id: 'e1', type: 'envelope.completed', data: {} }, { id: 'e2', type: 'envelope.sent', data: {} }])).toEqual(['envelope.sent after envelope.completed (envelope)']);
    expect(backwardsEvents([{ id: 'e1', type: 'participant.completed', data: { participant: { id: 'a' } } }, { id: 'e2', type: 'participant.notified', data: { participant: { id: 'b' } } }])).toEqual([]);
    expect(backwardsEvents([{ id: 'e1', type: 'envelope.sending', data: {} }, { id: 'e2', type: 'envelope.failed', data: {} }, { id: 'e3', type: 'envelope.sending', data: {} }, { id: 'e4', type: 'envelope.sent', data: {} }])).toEqual([]);
    expect(countsOf([record({ events: [{ id: 'e1', type: 'envelope.sent', data: {} }, { id: 'e2', type: 'envelope.sending', data: {} }] })]).backwards).toBe(1);
  });
});
