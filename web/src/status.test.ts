import { describe, expect, it } from 'vitest';
import { withoutRepeats } from './events';
import { envelopeProgress, participantStatusWords } from './status';

const person = (firstName: string, role: string, status: string, step = 1) => ({ firstName, lastName: 'X', role, status, step });

describe('participants in people’s words', () => {
  it('says what the role did, a refusal as Declined, a later step not yet invited, a receiver waiting', () => {
    const word = (participant: { role: string; status: string; step: number }, envelopeStatus = 'sent') => participantStatusWords(participant, envelopeStatus).label;
    expect(word(person('A', 'signer', 'completed'))).toBe('Signed');
    expect(word(person('A', 'approver', 'completed'))).toBe('Approved');
    expect(word(person('A', 'viewer', 'completed'))).toBe('Viewed');
    expect(word(person('A', 'signer', 'rejected'))).toBe('Declined');
    expect(word(person('A', 'signer', 'viewed'))).toBe('Viewed');
    expect(word(person('A', 'signer', 'notified'))).toBe('Invited');
    expect(word(person('A', 'signer', 'waiting', 2))).toBe('Not yet invited (step 2)');
    expect(word(person('A', 'receiver', 'notified', 2))).toBe('Waiting');
    expect(word(person('A', 'signer', 'pending'), 'ready')).toBe('Not sent yet');
  });

  it('shows a withdrawn or expired envelope’s open participants so, and keeps what the others did', () => {
    expect(participantStatusWords(person('A', 'signer', 'notified'), 'withdrawn').label).toBe('Withdrawn');
    expect(participantStatusWords(person('A', 'receiver', 'waiting', 2), 'withdrawn').label).toBe('Withdrawn');
    expect(participantStatusWords(person('A', 'signer', 'completed'), 'withdrawn').label).toBe('Signed');
    expect(participantStatusWords(person('A', 'signer', 'viewed'), 'expired').label).toBe('Expired');
  });
});

describe('an envelope’s progress in one line', () => {
  it('counts signers and approvers by their verb, not receivers, and names whom it waits on', () => {
    expect(envelopeProgress({ status: 'sent', participants: [person('James', 'signer', 'completed'), person('Anna', 'signer', 'notified', 2), person('Rita', 'receiver', 'notified', 2)] })).toBe(
      '1 of 2 signed — waiting on Anna',
    );
    expect(envelopeProgress({ status: 'sent', participants: [person('Ann', 'approver', 'viewed'), person('Bo', 'signer', 'waiting', 2)] })).toBe('0 of 1 approved, 0 of 1 signed — waiting on Ann');
    expect(envelopeProgress({ status: 'sent', participants: ['A', 'B', 'C', 'D'].map((name) => person(name, 'signer', 'notified')) })).toBe('0 of 4 signed — waiting on A, B and 2 others');
    expect(envelopeProgress({ status: 'ready', participants: [person('A', 'signer', 'pending'), person('B', 'signer', 'pending')] })).toBe('2 to sign');
    expect(envelopeProgress({ status: 'rejected', participants: [person('A', 'signer', 'rejected'), person('B', 'signer', 'waiting', 2)] })).toBe('0 of 2 signed — declined by A');
    expect(envelopeProgress({ status: 'completed', participants: [person('A', 'signer', 'completed')] })).toBe('1 of 1 signed');
    expect(envelopeProgress({ status: 'draft', participants: [person('R', 'receiver', 'pending')] })).toBe('Nobody to sign');
  });
});

describe('the history', () => {
  it('drops a line that repeats the one before in every respect, and keeps real repeats', () => {
    const line = (id: string, occurredAt: string, detail: Record<string, unknown> | null = null) => ({ id, type: 'participant-notified', participantId: 'par_1', detail, occurredAt, actor: null });
    const events = [line('1', '2026-12-01T10:00:00.100Z'), line('2', '2026-12-01T10:00:00.900Z'), line('3', '2026-12-01T10:05:00.000Z'), line('4', '2026-12-01T10:05:00.000Z', { from: 'waiting' })];
    expect(withoutRepeats(events).map((event) => event.id)).toEqual(['1', '3', '4']);
  });
});
