import { ActionIcon, Anchor, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { linkProps } from '../router';
import type { Envelope } from '../types';
import { AddDocumentButton } from './AddDocumentButton';
import { ErrorAlert } from './ErrorAlert';
import { TrashIcon } from './icons';

/**
 * The envelope's documents, each to preview (with its signature boxes, placed there while the
 * envelope is prepared) and to download; while the envelope can be edited, one more can be
 * added from the uploads and any removed (PATCH `documentIds`, the whole list). Removing the last one
 * makes it a draft again, as the server says.
 */
export function EnvelopeDocuments({ envelope, editable, onChanged }: { envelope: Envelope; editable: boolean; onChanged: (envelope: Envelope) => void }) {
  const { t } = useTranslation(['envelope', 'common']);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const ids = envelope.documents.map((document) => document.id);

  const save = async (documentIds: string[]) => {
    setSaving(true);
    setError(undefined);
    try {
      onChanged(await api.PATCH('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: envelope.id } }, body: { documentIds } }));
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap={6}>
      {envelope.documents.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('documents.empty')}
        </Text>
      )}
      {envelope.documents.map((document) => (
        // Its buttons go under the name when both do not fit (a phone, longer words in other languages),
        // rather than squeezing the name to a letter a line.
        <Group key={document.id} justify="space-between" wrap="wrap" gap={4}>
          <Anchor href={`/api/v1/documents/${document.id}/content`} download={document.filename} size="sm" className="break-anywhere">
            {document.filename}
          </Anchor>
          <Group gap={4} wrap="nowrap">
            <Button
              component="a"
              {...linkProps(`/envelopes/${envelope.id}/documents/${document.id}`)}
              size="compact-xs"
              variant="subtle"
              aria-label={t(editable ? 'documents.previewAndPlaceLabel' : 'documents.previewLabel', { filename: document.filename })}
            >
              {editable ? t('documents.previewAndPlace') : t('documents.preview')}
            </Button>
            <Button component="a" href={`/api/v1/documents/${document.id}/content`} download={document.filename} size="compact-xs" variant="subtle">
              {t('common:actions.download')}
            </Button>
            {editable && (
              <Tooltip label={t('documents.remove', { filename: document.filename })}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  aria-label={t('documents.remove', { filename: document.filename })}
                  loading={saving}
                  onClick={() => void save(ids.filter((id) => id !== document.id))}
                >
                  <TrashIcon size={14} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        </Group>
      ))}
      {editable && (
        <Group>
          <AddDocumentButton exclude={ids} onAdd={(added) => void save([...ids, added.id])} />
        </Group>
      )}
      {error !== undefined && <ErrorAlert error={error} title={t('documents.notChanged')} />}
    </Stack>
  );
}
