import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation(['settings', 'common']);
  return (
    <Modal
      opened={shown !== null}
      onClose={onClose}
      closeOnClickOutside={false}
      title={<Text fw={700} fz="lg">{shown?.rotated ? t('webhookSecret.newTitle') : t('webhookSecret.addedTitle')}</Text>}
      size="lg"
    >
      {shown && (
        <Stack>
          <Alert color="yellow" variant="light">
            {t('webhookSecret.copyNow')}
          </Alert>
          <CopyableCode label={t('webhookSecret.label', { url: shown.endpoint.url })} value={shown.endpoint.secret} />
          {shown.rotated && shown.endpoint.previousSecretExpiresAt && (
            <Alert color="blue" variant="light">
              {t('webhookSecret.oldKeepsWorking', { date: formatDateTime(shown.endpoint.previousSecretExpiresAt) })}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('webhookSecret.howToCheck')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common:actions.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
