import { ActionIcon, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { api } from '../api';
import { fullName } from '../format';
import type { Envelope, Participant, ProviderCapabilities } from '../types';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { PencilIcon, PlusIcon, TrashIcon } from './icons';
import { ParticipantDialog, type ParticipantEdit } from './ParticipantDialog';
import { ParticipantsTable } from './ParticipantsTable';

/**
 * The envelope's participants; while it can be edited, *Add participant*, and per participant an
 * edit and a remove button named for them (a remove asks first). `onChanged`: read the envelope again;
 * `mailboxLink`: shown beside the heading (the sandbox mailbox, for a sandbox connection).
 */
export function EnvelopeParticipants({
  envelope,
  editable,
  capabilities,
  onChanged,
  mailboxLink,
}: {
  envelope: Envelope;
  editable: boolean;
  capabilities: ProviderCapabilities | undefined;
  onChanged: () => Promise<void>;
  mailboxLink?: ReactNode;
}) {
  const [edit, setEdit] = useState<ParticipantEdit | null>(null);
  const [removing, setRemoving] = useState<Participant | null>(null);

  const actions = (participant: Participant) => (
    <>
      <Tooltip label={`Edit ${fullName(participant)}`}>
        <ActionIcon variant="subtle" size="md" aria-label={`Edit ${fullName(participant)}`} onClick={() => setEdit({ mode: 'edit', participant })}>
          <PencilIcon size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={`Remove ${fullName(participant)}`}>
        <ActionIcon variant="subtle" color="red" size="md" aria-label={`Remove ${fullName(participant)}`} onClick={() => setRemoving(participant)}>
          <TrashIcon size={16} />
        </ActionIcon>
      </Tooltip>
    </>
  );

  return (
    <>
      <Group justify="space-between" align="baseline" mb="sm" gap="xs">
        <Title order={2} fz="lg">
          Participants
        </Title>
        <Group gap="xs">
          {mailboxLink}
          {editable && (
            <Button size="xs" variant="default" leftSection={<PlusIcon size={14} />} onClick={() => setEdit({ mode: 'add' })}>
              Add participant
            </Button>
          )}
        </Group>
      </Group>
      <ParticipantsTable participants={envelope.participants} documents={envelope.documents} envelopeStatus={envelope.status} actions={editable ? actions : undefined} />
      {editable && envelope.participants.every((participant) => participant.role !== 'signer') && (
        <Text size="sm" c="dimmed" mt="sm">
          Add a signer: an envelope with nobody to sign cannot be sent.
        </Text>
      )}

      <ParticipantDialog
        envelope={envelope}
        edit={edit}
        capabilities={capabilities}
        onClose={() => setEdit(null)}
        onSaved={() => {
          notifications.show({ color: 'green', title: edit?.mode === 'edit' ? 'Participant changed' : 'Participant added', message: 'Saved.' });
          setEdit(null);
          void onChanged();
        }}
      />
      <ConfirmActionDialog
        opened={removing !== null}
        title={removing ? `Remove ${fullName(removing)}?` : 'Remove the participant?'}
        text="They are taken off this envelope. Without a signer it becomes a draft again."
        confirmLabel="Remove"
        failureTitle="The participant was not removed"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          const participant = removing!;
          await api.DELETE('/api/v1/envelopes/{envelopeId}/participants/{participantId}', { params: { path: { envelopeId: envelope.id, participantId: participant.id } } });
          setRemoving(null);
          notifications.show({ color: 'gray', title: 'Participant removed', message: `${fullName(participant)} is no longer on this envelope.` });
          await onChanged();
        }}
      />
    </>
  );
}
