import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('settings');
  const publicKey = connection?.publicJwk ? JSON.stringify(connection.publicJwk) : null;
  return (
    <Modal opened={connection !== null} onClose={onClose} title={<Text fw={700} fz="lg">{justCreated ? t('publicKey.success') : newKey ? t('publicKey.newTitle') : t('publicKey.title')}</Text>} size="lg">
      {connection && (
        <Stack gap="md">
          {justCreated && <Text size="sm">{t('publicKey.saved', { name: connection.name })}</Text>}
          {newKey && (
            <Text size="sm" fw={500}>
              {t('publicKey.newKeyPair', { name: connection.name })}
            </Text>
          )}
          {publicKey ? (
            <>
              <Text size="sm" fw={500}>
                {t('publicKey.pasteIt')}
              </Text>
              <CopyableCode label={t('publicKey.label')} value={publicKey} />
            </>
          ) : (
            <Text size="sm">{t('publicKey.noKeyPair')}</Text>
          )}
          {connection.callbackUrl && connection.callbackSubscription?.status === 'subscribed' ? (
            <Text size="sm">{t('publicKey.subscribed')}</Text>
          ) : (
            connection.callbackUrl && (
              <>
                <CopyableCode label={t('publicKey.callbackUrl')} value={connection.callbackUrl} />
                <Text size="xs" c="dimmed">
                  {connection.callbackSubscription
                    ? `${connection.callbackSubscription.detail} `
                    : ''}
                  {t('publicKey.callbackHint')}
                </Text>
              </>
            )
          )}
          {connection.environment === 'sandbox' && sandboxPath && (
            <Text size="sm">
              <Trans
                t={t}
                i18nKey="publicKey.sandbox"
                components={{ anchor: <Anchor href={`${sandboxPath}/integration-settings`} target="_blank" rel="noreferrer" /> }}
              />
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('publicKey.thenVerify')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('publicKey.ok')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
