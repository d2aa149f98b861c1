import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Envelope, FieldType, Participant } from '../types';
import { DEFAULT_BOX_SIZE, keepOnPage, type PageSize, type PointRect } from './box-geometry';
import { fieldChanges, savedBoxes, type PlacedBox } from './placed-boxes';

/** A refusal while saving, with the participant whose fields it was about. */
export interface PlacementRefusal {
  participant: Participant;
  error: unknown;
}

let boxCounter = 0;

/**
 * The boxes of one document while they are being placed: the saved ones until the first change, then
 * the edited list until it is saved (each changed participant's fields, PATCHed one after the other)
 * or discarded. `reload` reads the envelope again; what is saved is then compared with what it says.
 */
export function useBoxPlacement(envelope: Envelope, documentId: string, reload: () => Promise<void>) {
  const [edits, setEdits] = useState<PlacedBox[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<PlacementRefusal | null>(null);
  const boxes = edits ?? savedBoxes(envelope.participants, documentId);
  const changes = fieldChanges(envelope.participants, documentId, boxes);

  // Closing or reloading the tab with boxes not saved asks first (the browser's own question).
  const unsaved = changes.length > 0;
  useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);

  const edit = (change: (current: PlacedBox[]) => PlacedBox[]) => {
    setEdits(change(boxes));
    setRefusal(null);
  };

  const add = (participantId: string, type: FieldType, page: number, rect: PointRect) => {
    boxCounter += 1;
    const key = `new-${boxCounter}`;
    edit((current) => [...current, { key, participantId, type, page, ...rect }]);
    setSelected(key);
    return key;
  };

  return {
    boxes,
    selected,
    select: setSelected,
    /** Participants whose boxes differ from what is saved. */
    changed: changes.map((change) => change.participant),
    saving,
    refusal,
    add,
    /**
     * A box of the default size an inch from the page's top-left corner, each further one a little
     * lower and to the right so that none hides another: placing without a pointer.
     */
    addDefault: (participantId: string, type: FieldType, page: number, size: PageSize) => {
      const offset = 12 * (boxes.filter((box) => box.page === page).length % 20);
      return add(participantId, type, page, keepOnPage({ left: 72 + offset, top: 72 + offset, ...DEFAULT_BOX_SIZE }, size));
    },
    change: (key: string, rect: PointRect) => edit((current) => current.map((box) => (box.key === key ? { ...box, ...rect } : box))),
    remove: (key: string) => {
      edit((current) => current.filter((box) => box.key !== key));
      setSelected((current) => (current === key ? null : current));
    },
    discard: () => {
      setEdits(null);
      setRefusal(null);
      setSelected(null);
    },
    save: async (): Promise<boolean> => {
      setSaving(true);
      setRefusal(null);
      let refused: PlacementRefusal | null = null;
      for (const { participant, fields } of changes) {
        try {
          await api.PATCH('/api/v1/envelopes/{envelopeId}/participants/{participantId}', {
            params: { path: { envelopeId: envelope.id, participantId: participant.id } },
            body: { fields },
          });
        } catch (error) {
          refused = { participant, error };
          break;
        }
      }
      // Read back either way: what was saved before a refusal is saved, and the comparison goes on from there.
      await reload();
      if (refused) {
        setRefusal(refused);
      } else {
        setEdits(null);
        setSelected(null);
      }
      setSaving(false);
      return refused === null;
    },
  };
}

export type BoxPlacement = ReturnType<typeof useBoxPlacement>;
