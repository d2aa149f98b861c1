import { describe, expect, it } from 'vitest';
import { describeEvent } from './events';
import { ENVELOPE_TABS, envelopeStatusLook, participantStatusWords } from './status';
import type { EnvelopeEvent, Participant } from './types';

describe('a refusal reads “Declined” everywhere', () => {
  it('on the envelope’s badge, its tab, its participant’s badge and both history lines', () => {
    const participant = { id: 'par_1', firstName: 'Anna', lastName: 'X', role: 'signer', status: 'rejected', step: 1 } as unknown as Participant;
    const event = (type: string) =>
      ({ id: type, type, participantId: type.startsWith('participant') ? 'par_1' : null, detail: null, occurredAt: '2026-12-01T10:00:00.000Z', actor: null, source: 'callback' }) as unknown as EnvelopeEvent;
    expect(envelopeStatusLook('rejected').label).toBe('Declined');
    expect(ENVELOPE_TABS.find((tab) => tab.statuses.includes('rejected' as never))?.label).toBe('Declined');
    expect(participantStatusWords(participant, 'rejected').label).toBe('Declined');
    expect(describeEvent(event('envelope-rejected'), [participant]).title).toBe('Declined');
    expect(describeEvent(event('participant-rejected'), [participant]).title).toBe('Anna X declined the envelope');
  });
});
