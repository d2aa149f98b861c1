import { Button, Group, Modal, Text } from '@mantine/core';
import type { Envelope } from '../types';

/** The guide's success dialog: *Open envelope* goes to it, *Cancel* stays on the documents. */
export function EnvelopeCreatedDialog({ envelope, onOpen, onCancel }: { envelope: Envelope | null; onOpen: () => void; onCancel: () => void }) {
  return (
    <Modal opened={envelope !== null} onClose={onCancel} title={<Text fw={700} fz="lg">Success</Text>} size="sm">
      <Text>Envelope has been created successfully.</Text>
      {envelope && envelope.status === 'draft' && (
        <Text size="sm" c="dimmed" mt="xs">
          It is a draft: add a signer before sending it.
        </Text>
      )}
      <Group justify="flex-end" mt="lg" gap="sm">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button onClick={onOpen} data-autofocus>
          Open envelope
        </Button>
      </Group>
    </Modal>
  );
}
