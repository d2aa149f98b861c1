import { ActionIcon, Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api';
import { usePhone } from '../hooks/usePhone';
import { formatBytes, formatMediaType } from '../format';
import { useConnections } from '../hooks/useConnections';
import { formPathOf, pathIn, useSchemaForm } from '../hooks/useSchemaForm';
import type { DocumentRecord, Envelope } from '../types';
import { AddDocumentButton } from './AddDocumentButton';
import { ErrorAlert } from './ErrorAlert';
import { FileIcon, PlusIcon, TrashIcon } from './icons';
import { emptyParticipant, ParticipantFields, participantBody, type ParticipantDraft } from './ParticipantFields';
import { participantFieldOf } from './participantForm';

/** The create form's values: the documents as chosen (their names shown), the participants as their inputs keep them. */
type EnvelopeDraft = {
  title: string;
  /** As a datetime-local input gives it: local time, no zone; '' for none. */
  expiresAt: string;
  documents: DocumentRecord[];
  participants: ParticipantDraft[];
};

/** Until the form opens for a document. */
const CLOSED: EnvelopeDraft = { title: '', expiresAt: '', documents: [], participants: [] };

/** A fresh form for `document`: its name as the title, one signer to fill in. */
function draftFor(document: DocumentRecord): EnvelopeDraft {
  return { title: document.filename, expiresAt: '', documents: [document], participants: [emptyParticipant(1)] };
}

/** The request body: the title trimmed, the documents by id, the expiry as an ISO moment when set. */
function envelopeBody({ title, expiresAt, documents, participants }: EnvelopeDraft) {
  return {
    title: title.trim(),
    documentIds: documents.map((item) => item.id),
    ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
    participants: participants.map(participantBody),
  };
}

/** Where a body path's error is shown: a participant's among its inputs, the documents' under their list. */
function envelopeFieldOf(bodyPath: string): string {
  const participant = /^participants\[(\d+)\]\.(.+)$/.exec(bodyPath);
  if (participant) return pathIn(`participants.${participant[1]}`, participantFieldOf(participant[2]!));
  if (bodyPath.startsWith('documentIds')) return 'documents';
  return formPathOf(bodyPath);
}

/**
 * The guide's participant form, without the free edition's limits: a title, one or more documents,
 * one or more participants with steps → *Save* (POST /api/v1/envelopes). One Idempotency-Key per
 * opened form, so a double click or a retry after a lost answer creates one envelope, not two.
 */
export function CreateEnvelopeModal({
  document,
  onClose,
  onCreated,
}: {
  /** The document whose *Create envelope* was pressed; null while closed. */
  document: DocumentRecord | null;
  onClose: () => void;
  onCreated: (envelope: Envelope) => void;
}) {
  const phone = usePhone();
  const { t } = useTranslation(['envelopes', 'common']);
  const capabilities = useConnections(document !== null).capabilitiesFor(null);
  const { form, submit, submitting, refusal, restart } = useSchemaForm({
    route: 'POST /api/v1/envelopes',
    initialValues: CLOSED,
    toBody: envelopeBody,
    fieldOf: envelopeFieldOf,
  });
  const [idempotencyKey, setIdempotencyKey] = useState('');

  // A fresh form (and key) each time it opens for a document; before it is painted, so that it never
  // shows the last opening's values.
  useLayoutEffect(() => {
    if (!document) return;
    restart(draftFor(document));
    setIdempotencyKey(newIdempotencyKey());
  }, [document]);

  const { documents, participants } = form.values;
  const lastStep = participants.at(-1)?.step ?? 0;

  return (
    <Modal
      opened={document !== null}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {t('create.title')}
        </Text>
      }
      size="xl"
      fullScreen={phone}
      closeOnClickOutside={false}
    >
      <form
        onSubmit={submit(async (body) => {
          onCreated(await api.POST('/api/v1/envelopes', { body, idempotencyKey }));
        })}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('create.intro')}
          </Text>
          <TextInput label={t('create.titleLabel')} required {...form.getInputProps('title')} />
          {capabilities?.expiry && (
            <TextInput
              type="datetime-local"
              label={t('create.expiry.label')}
              description={t('create.expiry.description')}
              {...form.getInputProps('expiresAt')}
            />
          )}

          <Stack gap={6}>
            <Group justify="space-between">
              <Text size="sm" fw={500}>
                {t('create.documents')}
              </Text>
              <AddDocumentButton exclude={documents.map((item) => item.id)} onAdd={(added) => form.insertListItem('documents', added)} />
            </Group>
            {documents.map((item, index) => (
              <Paper key={item.id} withBorder radius="md" px="sm" py={6}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                    <FileIcon size={16} />
                    <Text size="sm" truncate>
                      {item.filename}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {formatMediaType(item.mediaType)} · {formatBytes(item.size)}
                    </Text>
                  </Group>
                  {documents.length > 1 && (
                    <Tooltip label={t('create.removeDocument', { filename: item.filename })}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="sm"
                        aria-label={t('create.removeDocument', { filename: item.filename })}
                        onClick={() => form.removeListItem('documents', index)}
                      >
                        <TrashIcon size={14} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Paper>
            ))}
            {form.errors.documents && (
              <Text size="xs" c="red">
                {form.errors.documents}
              </Text>
            )}
          </Stack>

          {participants.map((participant, index) => (
            <ParticipantFields
              key={participant.key}
              form={form}
              path={`participants.${index}`}
              index={index}
              value={participant}
              capabilities={capabilities}
              documents={documents}
              onRemove={participants.length > 1 ? () => form.removeListItem('participants', index) : null}
            />
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<PlusIcon size={14} />}
              // The next participant signs after the last one; set the same step to sign in parallel.
              onClick={() => form.insertListItem('participants', emptyParticipant(Math.min(lastStep + 1, 100)))}
            >
              {t('create.addParticipant')}
            </Button>
          </Group>

          {refusal !== undefined && <ErrorAlert error={refusal} title={t('create.notCreated')} />}
          {refusal === undefined && participants.every((participant) => participant.role !== 'signer') && (
            <Alert color="yellow" variant="light">
              {t('create.noSigner')}
            </Alert>
          )}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

