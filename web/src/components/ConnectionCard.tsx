import { Badge, Button, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { formatDateTime } from '../format';
import type { Connection, ProviderEntry } from '../types';
import { ENVIRONMENT_LABELS } from './AddConnectionModal';
import { CheckIcon, KeyIcon, PencilIcon, TrashIcon } from './icons';

const HEALTH_LOOK: Record<string, { label: string; color: string }> = {
  ok: { label: 'OK', color: 'green' },
  error: { label: 'Error', color: 'red' },
  unknown: { label: 'Unknown', color: 'gray' },
};

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
  const health = HEALTH_LOOK[connection.health.status] ?? { label: connection.health.status, color: 'gray' };
  const credentialLabels = Object.fromEntries((provider?.credentials ?? []).map((field) => [field.name, field.label]));
  return (
    <Card aria-label={`Connection ${connection.name}`} component="article">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={700} fz="lg">
                {connection.name}
              </Text>
              {connection.isDefault && (
                <Badge color="brand" variant="filled" leftSection={<CheckIcon size={12} />}>
                  Default
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {provider?.name ?? connection.provider} · {ENVIRONMENT_LABELS[connection.environment] ?? connection.environment}
            </Text>
            <Text size="xs" c="dimmed" className="break-anywhere">
              {connection.baseUrl}
            </Text>
          </Stack>
          <Tooltip label={connection.health.checkedAt ? `Checked ${formatDateTime(connection.health.checkedAt)}` : 'Not verified yet'}>
            <Badge color={health.color} size="lg" aria-label={`Health: ${health.label}`}>
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
            Events: {SUBSCRIPTION_LABELS[connection.callbackSubscription.status]} — {connection.callbackSubscription.detail}
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
            Verify
          </Button>
          {!connection.isDefault && (
            <Button size="xs" variant="default" onClick={onMakeDefault} loading={busy === 'default'}>
              Make default
            </Button>
          )}
          {connection.publicJwk && (
            <Button size="xs" variant="subtle" onClick={onShowKey}>
              Public key
            </Button>
          )}
          {admin && (
            <>
              <Button size="xs" variant="default" leftSection={<PencilIcon size={14} />} onClick={admin.onEdit}>
                Edit
              </Button>
              {provider?.keyPair && (
                <Button size="xs" variant="default" leftSection={<KeyIcon size={14} />} onClick={admin.onRotateKey}>
                  New key pair
                </Button>
              )}
              <Button size="xs" variant="subtle" color="red" leftSection={<TrashIcon size={14} />} onClick={admin.onDelete}>
                Delete
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

const SUBSCRIPTION_LABELS: Record<NonNullable<Connection['callbackSubscription']>['status'], string> = {
  subscribed: 'subscribed',
  manual: 'paste the callback URL at the provider',
  pending: 'subscribes at the next verify',
  error: 'not subscribed',
};
