import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Envelope } from '../types';

/** The guide's success dialog: *Open envelope* goes to it, *Cancel* stays on the documents. */
export function EnvelopeCreatedDialog({ envelope, onOpen, onCancel }: { envelope: Envelope | null; onOpen: () => void; onCancel: () => void }) {
  const { t } = useTranslation(['envelopes', 'common']);
  return (
    <Modal
      opened={envelope !== null}
      onClose={onCancel}
      title={
        <Text fw={700} fz="lg">
          {t('created.title')}
        </Text>
      }
      size="sm"
    >
      <Text>{t('created.text')}</Text>
      {envelope && envelope.status === 'draft' && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('created.draftHint')}
        </Text>
      )}
      <Group justify="flex-end" mt="lg" gap="sm">
        <Button variant="default" onClick={onCancel}>
          {t('common:actions.cancel')}
        </Button>
        <Button onClick={onOpen} data-autofocus>
          {t('created.open')}
        </Button>
      </Group>
    </Modal>
  );
}
