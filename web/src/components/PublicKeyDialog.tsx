import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Connection } from '../types';
import { CopyableCode } from './CopyableCode';

/**
 * The guide's success message after *Save settings*: the public key to paste into Autenti's
 * Integration settings, and the callback URL for the client's URL field. Also reachable later
 * from the connection's *Public key* button.
 */
export function PublicKeyDialog({
  connection,
  justCreated,
  newKey = false,
  sandboxPath,
  onClose,
}: {
  connection: Connection | null;
  justCreated: boolean;
  /** Shown right after a new key pair was made: the old key no longer works once this one replaces it. */
  newKey?: boolean;
  /** Where the built-in sandbox's own pages are, for a sandbox connection. */
  sandboxPath: string | undefined;
  onClose: () => void;
}) {
  const publicKey = connection?.publicJwk ? JSON.stringify(connection.publicJwk) : null;
  return (
    <Modal opened={connection !== null} onClose={onClose} title={<Text fw={700} fz="lg">{justCreated ? 'Success' : newKey ? 'New public key' : 'Public key'}</Text>} size="lg">
      {connection && (
        <Stack gap="md">
          {justCreated && <Text size="sm">The connection {connection.name} has been saved.</Text>}
          {newKey && (
            <Text size="sm" fw={500}>
              A new key pair was made for {connection.name}. Register this public key in place of the old one; until then the connection does not work.
            </Text>
          )}
          {publicKey ? (
            <>
              <Text size="sm" fw={500}>
                Please copy the entire value of the public key and paste it into the Autenti API Client Application integration setting - Public Key.
              </Text>
              <CopyableCode label="Public key" value={publicKey} />
            </>
          ) : (
            <Text size="sm">This provider needs no key pair.</Text>
          )}
          {connection.callbackUrl && connection.callbackSubscription?.status === 'subscribed' ? (
            <Text size="sm">Countersign has subscribed to the provider&apos;s events itself: status changes arrive the moment they happen, nothing to paste.</Text>
          ) : (
            connection.callbackUrl && (
              <>
                <CopyableCode label="Callback URL" value={connection.callbackUrl} />
                <Text size="xs" c="dimmed">
                  {connection.callbackSubscription
                    ? `${connection.callbackSubscription.detail} `
                    : ''}
                  Where Countersign cannot subscribe itself (an API client without the notification_management scope), paste it into the API client&apos;s
                  URL field as well, so that status changes arrive the moment they happen. Without it they arrive with the sync that runs every few minutes.
                  It contains a secret: share it only with the provider.
                </Text>
              </>
            )
          )}
          {connection.environment === 'sandbox' && sandboxPath && (
            <Text size="sm">
              For the built-in sandbox, its{' '}
              <Anchor href={`${sandboxPath}/integration-settings`} target="_blank" rel="noreferrer">
                Integration settings page
              </Anchor>{' '}
              plays the part of Autenti&apos;s.
            </Text>
          )}
          <Text size="sm" c="dimmed">
            Then press Verify on the connection to check that everything works.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>OK</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
