import i18next from 'i18next';
import ICU from 'i18next-icu';
import documents from '../i18n/locales/en/documents.json';
import { describe, expect, it } from 'vitest';
import type { Participant, ProviderCapabilities } from '../types';
import { boxPlacement, fieldChanges, participantColour, savedBoxes, type PlacedBox } from './placed-boxes';

// The helpers' words in English, as the app's catalog has them.
const english = i18next.createInstance().use(ICU);
await english.init({ lng: 'en', ns: ['documents'], defaultNS: 'documents', resources: { en: { documents } } });
const t = english.getFixedT('en', 'documents');

const box = (page: number, left: number) => ({ type: 'signature' as const, documentId: 'doc_a', page, left, top: 100, width: 180, height: 50 });
const anchor = { type: 'signature' as const, documentId: 'doc_a', anchor: '[[sign]]' };
const elsewhere = { ...box(1, 72), documentId: 'doc_b' };

function participant(id: string, fields: Participant['fields']): Participant {
  return { id, firstName: id, lastName: '', fields } as unknown as Participant;
}

describe('placed boxes', () => {
  const james = participant('par_james', [anchor, box(1, 72), elsewhere, box(2, 300)]);
  const anna = participant('par_anna', []);

  it('reads the boxes on one document only, not its anchors nor other documents’ boxes', () => {
    expect(savedBoxes([james, anna], 'doc_a').map(({ key, participantId, page, left }) => ({ key, participantId, page, left }))).toEqual([
      { key: 'par_james:1', participantId: 'par_james', page: 1, left: 72 },
      { key: 'par_james:3', participantId: 'par_james', page: 2, left: 300 },
    ]);
  });

  it('saves only the participants whose boxes changed, keeping their anchors and other documents’ boxes', () => {
    const boxes = savedBoxes([james, anna], 'doc_a');
    expect(fieldChanges([james, anna], 'doc_a', boxes)).toEqual([]);

    const moved: PlacedBox[] = [{ ...boxes[0]!, left: 80 }, boxes[1]!, { ...boxes[0]!, key: 'new-1', participantId: 'par_anna', page: 2 }];
    const changes = fieldChanges([james, anna], 'doc_a', moved);
    expect(changes.map((change) => change.participant.id)).toEqual(['par_james', 'par_anna']);
    expect(changes[0]!.fields).toEqual([anchor, elsewhere, box(1, 80), box(2, 300)]);
    expect(changes[1]!.fields).toEqual([{ ...box(2, 72) }]);

    expect(fieldChanges([james, anna], 'doc_a', []).map((change) => change.fields)).toEqual([[anchor, elsewhere]]);
  });

  it('offers boxes only to a provider that takes them, and says what to do instead', () => {
    const takes = (signatureFields: ProviderCapabilities['signatureFields']) => ({ signatureFields }) as ProviderCapabilities;
    expect(boxPlacement(takes(['box', 'anchor']), 'Connective', t)).toEqual({ offered: true });
    expect(boxPlacement(takes(['anchor']), 'Acme', t)).toEqual({ offered: false, reason: expect.stringContaining('Acme does not take boxes by position. Place fields with a text anchor') });
    expect(boxPlacement(takes([]), 'Acme', t)).toEqual({ offered: false, reason: 'Acme places the signatures itself: fields cannot be placed for its envelopes.' });
  });

  it('gives each participant their own colour, by their place in the envelope', () => {
    const people = Array.from({ length: 11 }, (_, index) => ({ id: `par_${index}` }));
    const colours = people.map((person) => participantColour(people, person.id));
    expect(new Set(colours.slice(0, 10)).size).toBe(10);
    expect(colours[10]).toBe(colours[0]);
  });
});
