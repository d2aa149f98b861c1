import { ActionIcon, Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../api';
import { usePhone } from '../hooks/usePhone';
import { formatBytes, formatMediaType } from '../format';
import { useConnections } from '../hooks/useConnections';
import type { DocumentRecord, Envelope } from '../types';
import { AddDocumentButton } from './AddDocumentButton';
import { ErrorAlert } from './ErrorAlert';
import { FileIcon, PlusIcon, TrashIcon } from './icons';
import { emptyParticipant, ParticipantFields, participantBody, type ParticipantDraft } from './ParticipantFields';

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
  const [title, setTitle] = useState('');
  /** As a datetime-local input gives it: local time, no zone; '' for none. */
  const [expiresAt, setExpiresAt] = useState('');
  const [documents, setDocuments] = useState<DocumentRecord[]>([]);
  const [participants, setParticipants] = useState<ParticipantDraft[]>([]);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  // A fresh form (and key) each time it opens for a document.
  useEffect(() => {
    if (!document) return;
    setTitle(document.filename);
    setExpiresAt('');
    setDocuments([document]);
    setParticipants([emptyParticipant(1)]);
    setIdempotencyKey(newIdempotencyKey());
    setError(undefined);
    setSaving(false);
  }, [document]);

  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const participantErrors = (index: number) => {
    const prefix = `participants[${index}].`;
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(fieldErrors)) if (path.startsWith(prefix)) errors[path.slice(prefix.length)] = message;
    return errors;
  };
  const documentError = Object.entries(fieldErrors).find(([path]) => path.startsWith('documentIds'))?.[1];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const envelope = await api.POST('/api/v1/envelopes', {
        body: {
          title: title.trim(),
          documentIds: documents.map((item) => item.id),
          ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
          participants: participants.map(participantBody),
        },
        idempotencyKey,
      });
      onCreated(envelope);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

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
      <form onSubmit={(event) => void save(event)} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('create.intro')}
          </Text>
          <TextInput label={t('create.titleLabel')} required value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={fieldErrors.title} />
          {capabilities?.expiry && (
            <TextInput
              type="datetime-local"
              label={t('create.expiry.label')}
              description={t('create.expiry.description')}
              value={expiresAt}
              onChange={(event) => setExpiresAt(event.currentTarget.value)}
              error={fieldErrors.expiresAt}
            />
          )}

          <Stack gap={6}>
            <Group justify="space-between">
              <Text size="sm" fw={500}>
                {t('create.documents')}
              </Text>
              <AddDocumentButton exclude={documents.map((item) => item.id)} onAdd={(added) => setDocuments((current) => [...current, added])} />
            </Group>
            {documents.map((item) => (
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
                        onClick={() => setDocuments((current) => current.filter((candidate) => candidate.id !== item.id))}
                      >
                        <TrashIcon size={14} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </Paper>
            ))}
            {documentError && (
              <Text size="xs" c="red">
                {documentError}
              </Text>
            )}
          </Stack>

          {participants.map((participant, index) => (
            <ParticipantFields
              key={participant.key}
              index={index}
              value={participant}
              errors={participantErrors(index)}
              capabilities={capabilities}
              documents={documents}
              onChange={(changed) => setParticipants((current) => current.map((item, position) => (position === index ? changed : item)))}
              onRemove={participants.length > 1 ? () => setParticipants((current) => current.filter((_, position) => position !== index)) : null}
            />
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<PlusIcon size={14} />}
              // The next participant signs after the last one; set the same step to sign in parallel.
              onClick={() => setParticipants((current) => [...current, emptyParticipant(Math.min(lastStep + 1, 100))])}
            >
              {t('create.addParticipant')}
            </Button>
          </Group>

          {error !== undefined && <ErrorAlert error={error} title={t('create.notCreated')} />}
          {error === undefined && participants.every((participant) => participant.role !== 'signer') && (
            <Alert color="yellow" variant="light">
              {t('create.noSigner')}
            </Alert>
          )}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

