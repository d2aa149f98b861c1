/**
 * The signature boxes of one document, as the placement page keeps them, and what saving them sends:
 * each participant's `fields` (PATCH …/participants/{participantId}, the same update the fields form
 * makes), with their text anchors and their boxes on other documents kept as they were.
 *
 * Pure: no DOM, no React.
 */
import type { TFunction } from 'i18next';
import type { FieldType, Participant, ProviderCapabilities, SignatureField } from '../types';
import type { PointRect } from './box-geometry';

/** One box on the document being placed on. `key` identifies it on the page only; it is never sent. */
export interface PlacedBox extends PointRect {
  key: string;
  participantId: string;
  type: FieldType;
  /** 1-based, as the API counts pages. */
  page: number;
}

type BoxField = Extract<SignatureField, { page: number }>;

function isBoxOn(field: SignatureField, documentId: string): field is BoxField {
  return !('anchor' in field) && field.documentId === documentId;
}

/** The boxes the saved participants have on `documentId`, in participant and field order. */
export function savedBoxes(participants: readonly Participant[], documentId: string): PlacedBox[] {
  return participants.flatMap((participant) =>
    participant.fields.flatMap((field, index) =>
      isBoxOn(field, documentId)
        ? [{ key: `${participant.id}:${index}`, participantId: participant.id, type: field.type, page: field.page, left: field.left, top: field.top, width: field.width, height: field.height }]
        : [],
    ),
  );
}

/** The participant's fields with their boxes on `documentId` replaced by `boxes` (theirs among them). */
export function fieldsWithBoxes(participant: Participant, documentId: string, boxes: readonly PlacedBox[]): SignatureField[] {
  const kept = participant.fields.filter((field) => !isBoxOn(field, documentId));
  const placed = boxes
    .filter((box) => box.participantId === participant.id)
    .map(({ type, page, left, top, width, height }): SignatureField => ({ type, documentId, page, left, top, width, height }));
  return [...kept, ...placed];
}

/** The participants whose boxes on `documentId` differ from what is saved, with the `fields` to save for each. */
export function fieldChanges(participants: readonly Participant[], documentId: string, boxes: readonly PlacedBox[]): Array<{ participant: Participant; fields: SignatureField[] }> {
  const saved = savedBoxes(participants, documentId);
  const shape = (box: PlacedBox) => JSON.stringify([box.type, box.page, box.left, box.top, box.width, box.height]);
  const of = (list: readonly PlacedBox[], participantId: string) => list.filter((box) => box.participantId === participantId).map(shape);
  return participants
    .filter((participant) => JSON.stringify(of(saved, participant.id)) !== JSON.stringify(of(boxes, participant.id)))
    .map((participant) => ({ participant, fields: fieldsWithBoxes(participant, documentId, boxes) }));
}

/**
 * Whether boxes can be placed for this provider, or the sentence that says why not. Boxes by
 * position need `box` in `capabilities.signatureFields`; a provider that takes text anchors only
 * still gets them through the participant's form.
 */
export function boxPlacement(capabilities: ProviderCapabilities, providerName: string, t: TFunction<'documents'>): { offered: true } | { offered: false; reason: string } {
  if (capabilities.signatureFields.includes('box')) return { offered: true };
  if (capabilities.signatureFields.includes('anchor')) {
    return { offered: false, reason: t('boxPlacement.anchorsOnly', { provider: providerName }) };
  }
  return { offered: false, reason: t('boxPlacement.none', { provider: providerName }) };
}

const PALETTE = ['blue', 'orange', 'grape', 'teal', 'red', 'lime', 'indigo', 'pink', 'cyan', 'yellow'] as const;
export type BoxColour = (typeof PALETTE)[number];

/** One Mantine colour per participant, by their place in the envelope (the same on every page and after a reload). */
export function participantColour(participants: readonly Pick<Participant, 'id'>[], participantId: string): BoxColour {
  const index = Math.max(0, participants.findIndex((participant) => participant.id === participantId));
  return PALETTE[index % PALETTE.length]!;
}
