import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api';
import { fullName } from '../format';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { usePhone } from '../hooks/usePhone';
import type { Envelope, Participant, ProviderCapabilities } from '../types';
import { ErrorAlert } from './ErrorAlert';
import { draftOfParticipant, emptyParticipant, ParticipantFields, participantBody, participantPatch, type ParticipantDraft } from './ParticipantFields';

/** What the dialog is for: a new participant (at the step after the last), or a change to one. */
export type ParticipantEdit = { mode: 'add' } | { mode: 'edit'; participant: Participant };

/**
 * Adds a participant to an envelope being prepared (POST …/participants) or changes one (PATCH,
 * only what changed), with the same fields as the create form. The server names its refusals by
 * this participant's own fields (`email`, `fields[0].page`), shown under each.
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
  const form = useFormSubmit();
  const [draft, setDraft] = useState<ParticipantDraft | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState('');

  useEffect(() => {
    if (!edit) return;
    const lastStep = Math.max(0, ...envelope.participants.map((participant) => participant.step));
    setDraft(edit.mode === 'edit' ? draftOfParticipant(edit.participant) : emptyParticipant(Math.min(lastStep + 1, 100)));
    setIdempotencyKey(newIdempotencyKey());
    form.reset();
    // Filled once per opening: the envelope refreshed meanwhile must not overwrite what is being typed.
  }, [edit]);

  const envelopePath = { path: { envelopeId: envelope.id } };
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!edit || !draft) return;
    void form.run(async () => {
      if (edit.mode === 'add') {
        await api.POST('/api/v1/envelopes/{envelopeId}/participants', { params: envelopePath, body: participantBody(draft), idempotencyKey });
      } else {
        const changes = participantPatch(edit.participant, draft);
        if (Object.keys(changes).length > 0) {
          await api.PATCH('/api/v1/envelopes/{envelopeId}/participants/{participantId}', {
            params: { path: { envelopeId: envelope.id, participantId: edit.participant.id } },
            body: changes,
          });
        }
      }
      onSaved();
    });
  };

  const title = edit?.mode === 'edit' ? t('participantDialog.editTitle', { name: fullName(edit.participant) }) : t('participantDialog.addTitle');
  const index = edit?.mode === 'edit' ? envelope.participants.findIndex((participant) => participant.id === edit.participant.id) : envelope.participants.length;

  return (
    <Modal opened={edit !== null} onClose={onClose} title={<Text fw={700} fz="lg">{title}</Text>} size="xl" fullScreen={phone} closeOnClickOutside={false}>
      {draft && (
        <form onSubmit={save} noValidate>
          <Stack gap="md">
            <ParticipantFields
              index={index}
              value={draft}
              errors={form.fieldErrors}
              capabilities={capabilities}
              documents={envelope.documents}
              onChange={setDraft}
              onRemove={null}
            />
            {form.error !== undefined && <ErrorAlert error={form.error} title={edit?.mode === 'edit' ? t('participantDialog.notChanged') : t('participantDialog.notAdded')} />}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {edit?.mode === 'edit' ? t('common:actions.saveChanges') : t('participantDialog.submitAdd')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
