import { Badge, Button, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import type { Connection, ProviderEntry } from '../types';
import { environmentLabel } from './AddConnectionModal';
import { CheckIcon, KeyIcon, PencilIcon, TrashIcon } from './icons';

/** The health badge's colour: green when it works, red when it failed, grey when never checked. */
const healthColor = (status: string) => (status === 'ok' ? 'green' : status === 'error' ? 'red' : 'gray');

/** What an administrator can do to a connection; absent for those who may only look. */
export interface ConnectionAdminActions {
  onEdit: () => void;
  onRotateKey: () => void;
  onDelete: () => void;
}

/** One connection: provider, environment, health with its detail, the default marker, and its actions. */
export function ConnectionCard({
  connection,
  provider,
  busy,
  onVerify,
  onMakeDefault,
  onShowKey,
  admin,
}: {
  connection: Connection;
  provider: ProviderEntry | undefined;
  busy: 'verify' | 'default' | null;
  onVerify: () => void;
  onMakeDefault: () => void;
  onShowKey: () => void;
  admin?: ConnectionAdminActions;
}) {
  const { t } = useTranslation(['settings', 'common']);
  const status = connection.health.status;
  const health = {
    label: status === 'ok' || status === 'error' || status === 'unknown' ? t(`connectionCard.health.${status}`) : (status as string),
    color: healthColor(status),
  };
  const credentialLabels = Object.fromEntries((provider?.credentials ?? []).map((field) => [field.name, field.label]));
  return (
    <Card aria-label={t('connectionCard.label', { name: connection.name })} component="article">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={700} fz="lg">
                {connection.name}
              </Text>
              {connection.isDefault && (
                <Badge color="brand" variant="filled" leftSection={<CheckIcon size={12} />}>
                  {t('connectionCard.default')}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {provider?.name ?? connection.provider} · {environmentLabel(connection.environment, t)}
            </Text>
            <Text size="xs" c="dimmed" className="break-anywhere">
              {connection.baseUrl}
            </Text>
          </Stack>
          <Tooltip label={connection.health.checkedAt ? t('connectionCard.checkedAt', { date: formatDateTime(connection.health.checkedAt) }) : t('connectionCard.notVerified')}>
            <Badge color={health.color} size="lg" aria-label={t('connectionCard.healthLabel', { health: health.label })}>
              {health.label}
            </Badge>
          </Tooltip>
        </Group>
        {connection.health.detail && (
          <Text size="sm" c={connection.health.status === 'error' ? 'red' : undefined} className="break-anywhere">
            {connection.health.detail}
          </Text>
        )}
        {connection.callbackSubscription && (
          // Whether status changes arrive by themselves, or the callback URL must be pasted at the provider.
          <Text size="sm" c={connection.callbackSubscription.status === 'error' ? 'red' : 'dimmed'} className="break-anywhere">
            {t('connectionCard.events', { status: t(`connectionCard.subscription.${connection.callbackSubscription.status}`), detail: connection.callbackSubscription.detail })}
          </Text>
        )}
        {Object.keys(connection.settings).length > 0 && (
          <Group gap="lg">
            {Object.entries(connection.settings).filter(([, value]) => value !== '').map(([name, value]) => (
              <Stack gap={0} key={name} style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed">
                  {credentialLabels[name] ?? name}
                </Text>
                <Text size="sm" className="break-anywhere">
                  {value}
                </Text>
              </Stack>
            ))}
          </Group>
        )}
        <Group gap="sm" mt={4}>
          <Button size="xs" onClick={onVerify} loading={busy === 'verify'}>
            {t('connectionCard.verify')}
          </Button>
          {!connection.isDefault && (
            <Button size="xs" variant="default" onClick={onMakeDefault} loading={busy === 'default'}>
              {t('connectionCard.makeDefault')}
            </Button>
          )}
          {connection.publicJwk && (
            <Button size="xs" variant="subtle" onClick={onShowKey}>
              {t('connectionCard.publicKey')}
            </Button>
          )}
          {admin && (
            <>
              <Button size="xs" variant="default" leftSection={<PencilIcon size={14} />} onClick={admin.onEdit}>
                {t('common:actions.edit')}
              </Button>
              {provider?.keyPair && (
                <Button size="xs" variant="default" leftSection={<KeyIcon size={14} />} onClick={admin.onRotateKey}>
                  {t('connectionCard.newKeyPair')}
                </Button>
              )}
              <Button size="xs" variant="subtle" color="red" leftSection={<TrashIcon size={14} />} onClick={admin.onDelete}>
                {t('common:actions.delete')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
