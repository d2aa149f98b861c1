import { afterAll, describe, expect, it } from 'vitest';
import { describeField, formatBytes, formatDateTime, formatNumber, FIELD_TYPE_LABELS } from '../format';
import { describeEvent, describeSource } from '../events';
import { ENVELOPE_TABS, envelopeProgress, envelopeStatusLook, ROLE_LABELS, sendBlockedReason } from '../status';
import { deliveryStatusLabel, eventTypeLabel } from '../webhooks';
import { currentLocale, setLocale } from '.';

/**
 * Words read outside components (statuses, tabs, roles, field types, reasons) and the formats of dates
 * and numbers follow the language as it changes: none is kept from the language the module loaded in.
 */
describe('a change of language', () => {
  afterAll(() => setLocale('en'));

  it('changes the words and formats read after it, and back', async () => {
    expect(currentLocale()).toBe('en');
    expect(ENVELOPE_TABS[0].label).toBe('All');
    expect(formatBytes(1536)).toBe('1.5 kB');

    await setLocale('pl');
    expect(currentLocale()).toBe('pl');
    expect(ENVELOPE_TABS[0].label).toBe('Wszystkie');
    expect(envelopeStatusLook('rejected').label).toBe('Odrzucona');
    expect(ROLE_LABELS.signer).toBe('Podpisujący');
    expect(FIELD_TYPE_LABELS.initials).toBe('Inicjały');
    expect(sendBlockedReason('completed')).toBe('Koperta jest zakończona: nie można już niczego wysłać.');
    const person = (firstName: string, status: string) => ({ firstName, lastName: 'X', role: 'signer', status, step: 1 });
    expect(envelopeProgress({ status: 'sent', participants: ['Anna', 'Bartek', 'Celina', 'Darek', 'Ewa'].map((name) => person(name, 'notified')) })).toBe(
      'Podpisano: 0 z 5 — czeka na: Anna, Bartek i 3 inne osoby',
    );
    // Counts are numbers in the language's format too, not digits as JavaScript writes them (Polish
    // groups from five digits on).
    const many = Array.from({ length: 12_500 }, (_, index) => person(`P${index}`, index < 11_000 ? 'completed' : 'notified'));
    expect(envelopeProgress({ status: 'sent', participants: many })).toMatch(/^Podpisano: 11\u00a0000 z 12\u00a0500 — /);
    expect(formatBytes(1536)).toBe('1,5 kB');
    expect(formatNumber(12345)).toBe('12\u00a0345');
    expect(formatDateTime('2026-12-03T10:00:00Z')).toMatch(/^3 gru 2026/);
    expect(describeField({ type: 'signature', documentId: 'doc_1', page: 2, left: 72.5, top: 650, width: 180, height: 50 } as never, 'Umowa.pdf')).toBe(
      'Podpis – pole w Umowa.pdf, strona 2: 72,5 pt od lewej, 650 pt od góry, 180 × 50 pt',
    );

    // The history's and the webhooks' words, read the same way (events.ts, webhooks.ts).
    const anna = { id: 'par_1', firstName: 'Anna', lastName: 'Nowak', role: 'signer', status: 'rejected', step: 1 };
    const declined = { id: 'evt_1', type: 'participant-rejected', participantId: 'par_1', detail: null, occurredAt: '2026-12-03T10:00:00Z', actor: null, source: 'callback' };
    for (const [words, english] of [
      [describeEvent(declined as never, [anna] as never).title, 'Anna Nowak declined the envelope'],
      [describeSource('callback'), undefined],
      [eventTypeLabel('envelope.sent'), 'Envelope sent'],
      [deliveryStatusLabel('failed'), 'Failed'],
    ] as const) {
      expect(words).not.toMatch(/^common:|^participants:|^settings:/);
      if (english) expect(words).not.toBe(english);
    }

    await setLocale('fr');
    expect(ENVELOPE_TABS[0].label).toBe('Toutes');
    expect(formatDateTime('2026-12-03T10:00:00Z')).toMatch(/^3 déc\. 2026/);

    await setLocale('en');
    expect(envelopeStatusLook('rejected').label).toBe('Declined');
  });
});
