import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api';
import { fullName } from '../format';
import { usePhone } from '../hooks/usePhone';
import { useSchemaForm } from '../hooks/useSchemaForm';
import type { Envelope, Participant, ProviderCapabilities } from '../types';
import { ErrorAlert } from './ErrorAlert';
import { draftOfParticipant, emptyParticipant, ParticipantFields, participantBody, participantPatch, type ParticipantDraft } from './ParticipantFields';
import { participantFieldOf } from './participantForm';

/** What the dialog is for: a new participant (at the step after the last), or a change to one. */
export type ParticipantEdit = { mode: 'add' } | { mode: 'edit'; participant: Participant };

/**
 * Adds a participant to an envelope being prepared (POST …/participants) or changes one (PATCH,
 * only what changed), with the same fields as the create form. Both bodies name this participant's
 * own fields (`email`, `fields[0].page`, `phone`), shown under each through `participantFieldOf`.
 */
export function ParticipantDialog({
  envelope,
  edit,
  capabilities,
  onClose,
  onSaved,
}: {
  envelope: Envelope;
  /** null: closed. */
  edit: ParticipantEdit | null;
  capabilities: ProviderCapabilities | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation(['participants', 'common']);
  const phone = usePhone();
  const saved = edit?.mode === 'edit' ? edit.participant : null;
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: saved ? 'PATCH /api/v1/envelopes/{envelopeId}/participants/{participantId}' : 'POST /api/v1/envelopes/{envelopeId}/participants',
    initialValues: emptyParticipant(1),
    toBody: (draft: ParticipantDraft) => (saved ? participantPatch(saved, draft) : participantBody(draft)),
    fieldOf: participantFieldOf,
  });
  const [idempotencyKey, setIdempotencyKey] = useState('');

  // Filled once per opening, before it is painted: the envelope refreshed meanwhile must not overwrite
  // what is being typed, and the last opening's values are never shown.
  useLayoutEffect(() => {
    if (!edit) return;
    const lastStep = Math.max(0, ...envelope.participants.map((participant) => participant.step));
    restart(edit.mode === 'edit' ? draftOfParticipant(edit.participant) : emptyParticipant(Math.min(lastStep + 1, 100)));
    setIdempotencyKey(newIdempotencyKey());
  }, [edit]);

  // A change with nothing changed sends nothing (the server takes no empty change): it is done.
  const save = submit(async (body) => {
    if (saved) {
      await api.PATCH('/api/v1/envelopes/{envelopeId}/participants/{participantId}', {
        params: { path: { envelopeId: envelope.id, participantId: saved.id } },
        body: body as ReturnType<typeof participantPatch>,
      });
    } else {
      await api.POST('/api/v1/envelopes/{envelopeId}/participants', {
        params: { path: { envelopeId: envelope.id } },
        body: body as ReturnType<typeof participantBody>,
        idempotencyKey,
      });
    }
    onSaved();
  }, saved ? onSaved : undefined);

  const title = saved ? t('participantDialog.editTitle', { name: fullName(saved) }) : t('participantDialog.addTitle');
  const index = saved ? envelope.participants.findIndex((participant) => participant.id === saved.id) : envelope.participants.length;

  return (
    <Modal opened={edit !== null} onClose={onClose} title={<Text fw={700} fz="lg">{title}</Text>} size="xl" fullScreen={phone} closeOnClickOutside={false}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <ParticipantFields form={form} path="" index={index} value={form.values} capabilities={capabilities} documents={envelope.documents} onRemove={null} />
          {refusal !== undefined && <ErrorAlert error={refusal} title={saved ? t('participantDialog.notChanged') : t('participantDialog.notAdded')} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {saved ? t('common:actions.saveChanges') : t('participantDialog.submitAdd')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
