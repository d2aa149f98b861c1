import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENVELOPE_STATUSES,
  advanceEnvelopeTowards,
  assertEnvelopeTransition,
  canTransitionEnvelope,
  contentStatus,
  isEnvelopeEditable,
  isInFlight,
  isTerminal,
  type EnvelopeStatus,
} from './envelope-status.js';
import { InvalidStateError } from './errors.js';

// Written from DESIGN.md and the brief, not read from the implementation's table: if the two
// disagree, one of them is wrong.
const ALLOWED = new Set([
  'draft→ready',
  'ready→draft',
  'ready→sending',
  'sending→sent',
  'sending→failed',
  'failed→sending',
  'failed→draft',
  'failed→ready',
  'sent→completed',
  'sent→rejected',
  'sent→withdrawn',
  'sent→expired',
  'sent→failed',
  'failed→sent',
  'sent→deleted',
  'completed→deleted',
  'rejected→deleted',
  'withdrawn→deleted',
  'expired→deleted',
]);

// Independent ordering for the property test: how far along an envelope is.
const RANK: Record<EnvelopeStatus, number> = {
  draft: 0,
  ready: 1,
  sending: 2,
  failed: 3,
  sent: 3,
  completed: 4,
  rejected: 4,
  withdrawn: 4,
  expired: 4,
  deleted: 5,
};
const TERMINAL: readonly EnvelopeStatus[] = ['completed', 'rejected', 'withdrawn', 'expired', 'deleted'];

const ALL_PAIRS = ENVELOPE_STATUSES.flatMap((from) => ENVELOPE_STATUSES.map((to) => [from, to] as const));

describe('envelope transitions', () => {
  it('the expected table only names real statuses', () => {
    for (const edge of ALLOWED) {
      const [from, to] = edge.split('→');
      expect(ENVELOPE_STATUSES).toContain(from);
      expect(ENVELOPE_STATUSES).toContain(to);
    }
  });

  it.each(ALL_PAIRS.filter(([from, to]) => ALLOWED.has(`${from}→${to}`)))('allows %s → %s', (from, to) => {
    expect(canTransitionEnvelope(from, to)).toBe(true);
    expect(() => assertEnvelopeTransition(from, to)).not.toThrow();
  });

  it.each(ALL_PAIRS.filter(([from, to]) => !ALLOWED.has(`${from}→${to}`)))('refuses %s → %s', (from, to) => {
    expect(canTransitionEnvelope(from, to)).toBe(false);
    let thrown: unknown;
    try {
      assertEnvelopeTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidStateError);
    const error = thrown as InvalidStateError;
    expect(error.code).toBe('INVALID_STATE');
    expect(error.currentStatus).toBe(from);
    expect(error.message).toContain(`Envelope is ${from === to ? 'already ' : ''}${from}`);
  });

  it('says which status it cannot become', () => {
    expect(() => assertEnvelopeTransition('completed', 'sent')).toThrow(
      'Envelope is completed; it cannot become sent. A completed envelope is final.',
    );
    expect(() => assertEnvelopeTransition('draft', 'sent')).toThrow('Envelope is draft; it cannot become sent.');
  });
});

describe('status predicates', () => {
  it('editable only before the provider holds it, or after it refused', () => {
    const editable = ENVELOPE_STATUSES.filter(isEnvelopeEditable);
    expect(editable.sort()).toEqual(['draft', 'failed', 'ready']);
  });

  it('terminal only for outcomes', () => {
    expect(ENVELOPE_STATUSES.filter(isTerminal).sort()).toEqual([...TERMINAL].sort());
  });

  it('in flight while sending or sent', () => {
    expect(ENVELOPE_STATUSES.filter(isInFlight).sort()).toEqual(['sending', 'sent']);
  });

  it.each([
    [0, 0, 'draft'],
    [1, 0, 'draft'],
    [0, 1, 'draft'],
    [1, 1, 'ready'],
    [3, 2, 'ready'],
  ] as const)('content with %i documents and %i signers is %s', (documents, signers, expected) => {
    expect(contentStatus(documents, signers)).toBe(expected);
  });
});

describe('advanceEnvelopeTowards', () => {
  it.each([
    ['sending', 'completed', ['sent', 'completed']],
    ['sending', 'sent', ['sent']],
    ['sending', 'failed', ['failed']],
    ['sent', 'expired', ['expired']],
    ['ready', 'sent', ['sending', 'sent']],
    ['draft', 'rejected', ['ready', 'sending', 'sent', 'rejected']],
    // The send gave up here, yet the provider has the envelope: follow the provider.
    ['failed', 'sent', ['sent']],
    ['failed', 'withdrawn', ['sent', 'withdrawn']],
    // Connective reports Failed for a package it had accepted.
    ['sent', 'failed', ['failed']],
    ['completed', 'deleted', ['deleted']],
  ] as const)('%s towards %s steps through %j', (current, reported, expected) => {
    expect(advanceEnvelopeTowards(current, reported)).toEqual(expected);
  });

  it.each([
    ['sent', 'sending'],
    ['sent', 'ready'],
    ['sending', 'draft'],
    ['sending', 'ready'],
    ['failed', 'draft'],
    ['failed', 'ready'],
    ['failed', 'sending'],
    ['ready', 'draft'],
  ] as const)('never moves %s back to %s', (current, reported) => {
    expect(advanceEnvelopeTowards(current, reported)).toEqual([]);
  });

  it.each(ENVELOPE_STATUSES)('a repeated report of %s changes nothing', (status) => {
    expect(advanceEnvelopeTowards(status, status)).toEqual([]);
  });

  it('never leaves a terminal status, except to be deleted', () => {
    for (const from of TERMINAL) {
      for (const to of ENVELOPE_STATUSES.filter((status) => status !== 'deleted')) expect(advanceEnvelopeTowards(from, to)).toEqual([]);
    }
    expect(advanceEnvelopeTowards('deleted', 'sent')).toEqual([]);
  });

  it('refuses what the table cannot reach: a withdrawn envelope does not fail', () => {
    expect(advanceEnvelopeTowards('withdrawn', 'failed')).toEqual([]);
  });

  it('any sequence of reports: allowed steps only, rank never drops, terminal never changes', () => {
    const status = fc.constantFrom(...ENVELOPE_STATUSES);
    fc.assert(
      fc.property(status, fc.array(status, { maxLength: 30 }), (start, reports) => {
        let current: EnvelopeStatus = start;
        for (const reported of reports) {
          const steps = advanceEnvelopeTowards(current, reported);
          if (TERMINAL.includes(current) && reported !== 'deleted') expect(steps).toEqual([]);
          if (steps.length > 0) expect(steps.at(-1)).toBe(reported);
          for (const next of steps) {
            expect(ALLOWED.has(`${current}→${next}`)).toBe(true);
            expect(RANK[next]).toBeGreaterThanOrEqual(RANK[current]);
            current = next;
          }
        }
      }),
    );
  });
});
