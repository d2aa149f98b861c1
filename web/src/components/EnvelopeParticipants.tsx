import { ActionIcon, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation(['participants', 'common']);
  const [edit, setEdit] = useState<ParticipantEdit | null>(null);
  const [removing, setRemoving] = useState<Participant | null>(null);

  const actions = (participant: Participant) => (
    <>
      <Tooltip label={t('envelopeParticipants.editNamed', { name: fullName(participant) })}>
        <ActionIcon variant="subtle" size="md" aria-label={t('envelopeParticipants.editNamed', { name: fullName(participant) })} onClick={() => setEdit({ mode: 'edit', participant })}>
          <PencilIcon size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('envelopeParticipants.removeNamed', { name: fullName(participant) })}>
        <ActionIcon variant="subtle" color="red" size="md" aria-label={t('envelopeParticipants.removeNamed', { name: fullName(participant) })} onClick={() => setRemoving(participant)}>
          <TrashIcon size={16} />
        </ActionIcon>
      </Tooltip>
    </>
  );

  return (
    <>
      <Group justify="space-between" align="baseline" mb="sm" gap="xs">
        <Title order={2} fz="lg">
          {t('envelopeParticipants.heading')}
        </Title>
        <Group gap="xs">
          {mailboxLink}
          {editable && (
            <Button size="xs" variant="default" leftSection={<PlusIcon size={14} />} onClick={() => setEdit({ mode: 'add' })}>
              {t('envelopeParticipants.add')}
            </Button>
          )}
        </Group>
      </Group>
      <ParticipantsTable participants={envelope.participants} documents={envelope.documents} envelopeStatus={envelope.status} actions={editable ? actions : undefined} />
      {editable && envelope.participants.every((participant) => participant.role !== 'signer') && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('envelopeParticipants.needsSigner')}
        </Text>
      )}

      <ParticipantDialog
        envelope={envelope}
        edit={edit}
        capabilities={capabilities}
        onClose={() => setEdit(null)}
        onSaved={() => {
          notifications.show({ color: 'green', title: edit?.mode === 'edit' ? t('envelopeParticipants.changedTitle') : t('envelopeParticipants.addedTitle'), message: t('envelopeParticipants.savedMessage') });
          setEdit(null);
          void onChanged();
        }}
      />
      <ConfirmActionDialog
        opened={removing !== null}
        title={removing ? t('envelopeParticipants.removeTitleNamed', { name: fullName(removing) }) : t('envelopeParticipants.removeTitle')}
        text={t('envelopeParticipants.removeText')}
        confirmLabel={t('common:actions.remove')}
        failureTitle={t('envelopeParticipants.notRemoved')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          const participant = removing!;
          await api.DELETE('/api/v1/envelopes/{envelopeId}/participants/{participantId}', { params: { path: { envelopeId: envelope.id, participantId: participant.id } } });
          setRemoving(null);
          notifications.show({ color: 'gray', title: t('envelopeParticipants.removedTitle'), message: t('envelopeParticipants.removedMessage', { name: fullName(participant) }) });
          await onChanged();
        }}
      />
    </>
  );
}
