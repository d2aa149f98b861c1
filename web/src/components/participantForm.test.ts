import { describe, expect, it } from 'vitest';
import { bodyCheckOf } from '../api';
import { errorsByField } from '../hooks/useSchemaForm';
import { emptyParticipant, participantBody, type ParticipantDraft } from './ParticipantFields';
import { participantFieldOf } from './participantForm';

describe('where a participant’s refusals are shown', () => {
  it('puts each option under the input that keeps it, not where the body says it', () => {
    expect(participantFieldOf('email')).toBe('email');
    expect(participantFieldOf('phone')).toBe('options.phone');
    expect(participantFieldOf('authentication[1].answer')).toBe('options.answer');
    expect(participantFieldOf('authentication[0].question')).toBe('options.question');
    expect(participantFieldOf('authentication[0].scheme')).toBe('options.eidScheme');
    expect(participantFieldOf('authentication[0].method')).toBe('options.methods');
    expect(participantFieldOf('authentication')).toBe('options.methods');
    expect(participantFieldOf('signatureLevel')).toBe('options.signatureLevel');
    expect(participantFieldOf('language')).toBe('options.language');
    expect(participantFieldOf('delivery.returnUrl')).toBe('options.returnUrl');
    expect(participantFieldOf('delivery')).toBe('options.returnUrl');
  });

  it('puts a field’s members under its inputs, a page of its pages under its one Pages input, and the field as a whole apart', () => {
    expect(participantFieldOf('fields[1].page')).toBe('fields.1.page');
    expect(participantFieldOf('fields[0].pages[2]')).toBe('fields.0.pages');
    expect(participantFieldOf('fields[0]')).toBe('fields.0');
    expect(participantFieldOf('fields')).toBe('fields');
  });

  it('names inputs the form has, for what the server’s own schema refuses in a draft', async () => {
    const draft: ParticipantDraft = {
      ...emptyParticipant(1),
      firstName: 'Anna',
      lastName: 'Nowak',
      email: 'anna@',
      options: { ...emptyParticipant(1).options, methods: ['sms', 'secret'], phone: '722', question: 'Pet?', answer: '', embedded: true, returnUrl: 'example.com' },
    };
    const refusal = (await bodyCheckOf('POST /api/v1/envelopes/{envelopeId}/participants'))(participantBody(draft));
    expect(refusal).toBeDefined();
    expect(Object.keys(errorsByField(refusal!, participantFieldOf)).sort()).toEqual(['email', 'options.answer', 'options.phone', 'options.returnUrl']);
  });
});
