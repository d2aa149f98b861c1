import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidStateError } from './errors.js';
import {
  PARTICIPANT_ROLES,
  PARTICIPANT_STATUSES,
  advanceParticipantTowards,
  assertParticipantTransition,
  canTransitionParticipant,
  initialStatusOnSend,
  isParticipantDone,
  statusOnEnvelopeCompleted,
  type ParticipantStatus,
} from './participant-status.js';

// Written from DESIGN.md and the brief, not read from the implementation's table.
const ALLOWED = new Set([
  'pending→waiting',
  'pending→notified',
  'pending→skipped',
  'pending→completed',
  'waiting→notified',
  'waiting→skipped',
  'waiting→completed',
  'waiting→rejected',
  'notified→viewed',
  'notified→completed',
  'notified→rejected',
  'notified→skipped',
  'viewed→completed',
  'viewed→rejected',
  'viewed→skipped',
]);

// Independent ordering for the property test.
const RANK: Record<ParticipantStatus, number> = {
  pending: 0,
  waiting: 1,
  notified: 2,
  viewed: 3,
  completed: 4,
  rejected: 4,
  skipped: 4,
};
const DONE: readonly ParticipantStatus[] = ['completed', 'rejected', 'skipped'];

const ALL_PAIRS = PARTICIPANT_STATUSES.flatMap((from) => PARTICIPANT_STATUSES.map((to) => [from, to] as const));

describe('participant transitions', () => {
  it('the expected table only names real statuses', () => {
    for (const edge of ALLOWED) {
      const [from, to] = edge.split('→');
      expect(PARTICIPANT_STATUSES).toContain(from);
      expect(PARTICIPANT_STATUSES).toContain(to);
    }
  });

  it.each(ALL_PAIRS.filter(([from, to]) => ALLOWED.has(`${from}→${to}`)))('allows %s → %s', (from, to) => {
    expect(canTransitionParticipant(from, to)).toBe(true);
    expect(() => assertParticipantTransition(from, to)).not.toThrow();
  });

  it.each(ALL_PAIRS.filter(([from, to]) => !ALLOWED.has(`${from}→${to}`)))('refuses %s → %s', (from, to) => {
    expect(canTransitionParticipant(from, to)).toBe(false);
    let thrown: unknown;
    try {
      assertParticipantTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidStateError);
    const error = thrown as InvalidStateError;
    expect(error.code).toBe('INVALID_STATE');
    expect(error.currentStatus).toBe(from);
    expect(error.message).toContain(`Participant is ${from === to ? 'already ' : ''}${from}`);
  });

  it('says which status it cannot become', () => {
    expect(() => assertParticipantTransition('waiting', 'viewed')).toThrow(
      'Participant is waiting; they cannot become viewed.',
    );
    expect(() => assertParticipantTransition('rejected', 'completed')).toThrow(
      "Participant is rejected; they cannot become completed. A rejected participant's part is over.",
    );
  });
});

describe('participant helpers', () => {
  it('done only when completed, rejected or skipped', () => {
    expect(PARTICIPANT_STATUSES.filter(isParticipantDone).sort()).toEqual([...DONE].sort());
  });

  it.each([
    [1, 1, 'notified'],
    [2, 1, 'waiting'],
    [3, 2, 'waiting'],
    [2, 2, 'notified'],
  ] as const)('step %i with first open step %i starts %s', (step, firstOpenStep, expected) => {
    expect(initialStatusOnSend(step, firstOpenStep)).toBe(expected);
  });

  it.each(PARTICIPANT_STATUSES)('a %s receiver on envelope completion', (status) => {
    const expected = DONE.includes(status) ? status : 'completed';
    expect(statusOnEnvelopeCompleted('receiver', status)).toBe(expected);
    // The step it takes is itself an allowed transition.
    if (expected !== status) expect(canTransitionParticipant(status, expected)).toBe(true);
  });

  it('other roles keep their status on envelope completion', () => {
    for (const role of PARTICIPANT_ROLES.filter((role) => role !== 'receiver')) {
      for (const status of PARTICIPANT_STATUSES) expect(statusOnEnvelopeCompleted(role, status)).toBe(status);
    }
  });
});

describe('advanceParticipantTowards', () => {
  it.each([
    ['pending', 'notified', ['notified']],
    ['pending', 'viewed', ['notified', 'viewed']],
    ['pending', 'completed', ['completed']],
    ['pending', 'rejected', ['waiting', 'rejected']],
    ['waiting', 'viewed', ['notified', 'viewed']],
    ['notified', 'completed', ['completed']],
    ['viewed', 'skipped', ['skipped']],
  ] as const)('%s towards %s steps through %j', (current, reported, expected) => {
    expect(advanceParticipantTowards(current, reported)).toEqual(expected);
  });

  it.each([
    ['viewed', 'notified'],
    ['notified', 'waiting'],
    ['waiting', 'pending'],
    ['viewed', 'pending'],
  ] as const)('never moves %s back to %s', (current, reported) => {
    expect(advanceParticipantTowards(current, reported)).toEqual([]);
  });

  it.each(PARTICIPANT_STATUSES)('a repeated report of %s changes nothing', (status) => {
    expect(advanceParticipantTowards(status, status)).toEqual([]);
  });

  it('never leaves completed, rejected or skipped', () => {
    for (const from of DONE) {
      for (const to of PARTICIPANT_STATUSES) expect(advanceParticipantTowards(from, to)).toEqual([]);
    }
  });

  it('any sequence of reports: allowed steps only, rank never drops, done never changes', () => {
    const status = fc.constantFrom(...PARTICIPANT_STATUSES);
    fc.assert(
      fc.property(status, fc.array(status, { maxLength: 30 }), (start, reports) => {
        let current: ParticipantStatus = start;
        for (const reported of reports) {
          const steps = advanceParticipantTowards(current, reported);
          if (DONE.includes(current)) expect(steps).toEqual([]);
          if (steps.length > 0) expect(steps.at(-1)).toBe(reported);
          for (const next of steps) {
            expect(ALLOWED.has(`${current}→${next}`)).toBe(true);
            expect(RANK[next]).toBeGreaterThan(RANK[current]);
            current = next;
          }
        }
      }),
    );
  });
});
