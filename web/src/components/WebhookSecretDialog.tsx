import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../format';
import type { WebhookEndpointWithSecret } from '../types';
import { CopyableCode } from './CopyableCode';

export interface ShownSecret {
  endpoint: WebhookEndpointWithSecret;
  /** A rotation: the replaced secret keeps signing for the overlap window, and the dialog says until when. */
  rotated: boolean;
}

/**
 * An endpoint's signing secret, the one time the server answers it (at creation and rotation). It
 * closes only by its button, never by a click beside it: a secret lost to a stray click means a rotation.
 */
export function WebhookSecretDialog({ shown, onClose }: { shown: ShownSecret | null; onClose: () => void }) {
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      closeOnClickOutside={false}
      title={<Text fw={700} fz="lg">{shown?.rotated ? 'The new signing secret' : 'Webhook endpoint added'}</Text>}
      size="lg"
    >
      {shown && (
        <Stack>
          <Alert color="yellow" variant="light">
            Copy it now: you won’t see this secret again. Countersign keeps it encrypted and never shows it.
          </Alert>
          <CopyableCode label={`Signing secret of ${shown.endpoint.url}`} value={shown.endpoint.secret} />
          {shown.rotated && shown.endpoint.previousSecretExpiresAt && (
            <Alert color="blue" variant="light">
              The old secret keeps working until {formatDateTime(shown.endpoint.previousSecretExpiresAt)}: until then every delivery is signed with
              both, so your receiver goes on accepting them while you switch it to the new secret.
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            Your receiver checks each delivery’s signature with this secret, using a Standard Webhooks library.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
