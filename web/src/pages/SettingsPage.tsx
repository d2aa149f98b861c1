import { Button, Card, SimpleGrid, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, describeError } from '../api';
import { AddConnectionModal } from '../components/AddConnectionModal';
import { ConnectionCard } from '../components/ConnectionCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { PlusIcon, SettingsIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { PublicKeyDialog } from '../components/PublicKeyDialog';
import { useApiData } from '../hooks/useApiData';
import { navigate } from '../router';
import { useSession } from '../session';
import type { Connection, Scope } from '../types';
import { ApiKeysSettings } from './settings/ApiKeysSettings';
import { AuditLogSettings } from './settings/AuditLogSettings';
import { UsersSettings } from './settings/UsersSettings';
import { WebhookDeliveryLog } from './settings/WebhookDeliveryLog';
import { WebhooksSettings } from './settings/WebhooksSettings';
import { SectionHeader } from '../components/SectionHeader';

export type SettingsSection = 'connections' | 'users' | 'api-keys' | 'webhooks' | 'audit-log';

/** Each section, its path, and the scope that shows it (the server refuses the rest anyway). */
const SECTIONS: Array<{ value: SettingsSection; label: string; path: string; scope: Scope }> = [
  { value: 'connections', label: 'Connections', path: '/settings', scope: 'connections:read' },
  { value: 'users', label: 'Users', path: '/settings/users', scope: 'users:admin' },
  { value: 'api-keys', label: 'API keys', path: '/settings/api-keys', scope: 'keys:admin' },
  { value: 'webhooks', label: 'Webhooks', path: '/settings/webhooks', scope: 'webhooks:admin' },
  { value: 'audit-log', label: 'Audit log', path: '/settings/audit-log', scope: 'audit:read' },
];

/**
 * Settings, in tabs: Connections, and for admins Users, API keys, Webhooks and the audit log.
 * `webhookEndpointId` opens that endpoint's delivery log under Webhooks.
 */
export function SettingsPage({ section, webhookEndpointId }: { section: SettingsSection; webhookEndpointId?: string }) {
  const { can } = useSession();
  const visible = SECTIONS.filter((entry) => can(entry.scope));
  const current = visible.some((entry) => entry.value === section) ? section : 'connections';
  return (
    <>
      <PageHeader title="Settings" description="Provider connections, the people who use Countersign, the keys programs use, and where events are sent." />
      <Tabs
        value={current}
        onChange={(value) => navigate(SECTIONS.find((entry) => entry.value === value)?.path ?? '/settings')}
        keepMounted={false}
        mb="md"
      >
        <Tabs.List>
          {visible.map((entry) => (
            <Tabs.Tab key={entry.value} value={entry.value}>
              {entry.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {current === 'connections' && <ConnectionsSettings />}
      {current === 'users' && <UsersSettings />}
      {current === 'api-keys' && <ApiKeysSettings />}
      {current === 'webhooks' && (webhookEndpointId ? <WebhookDeliveryLog key={webhookEndpointId} endpointId={webhookEndpointId} /> : <WebhooksSettings />)}
      {current === 'audit-log' && <AuditLogSettings />}
    </>
  );
}

/** Settings → Connections: the provider accounts envelopes are sent through. */
function ConnectionsSettings() {
  const { can } = useSession();
  const connections = useApiData('/api/v1/connections');
  const providers = useApiData('/api/v1/providers');
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<{ connection: Connection; justCreated: boolean } | null>(null);
  const [busy, setBusy] = useState<{ id: string; action: 'verify' | 'default' } | null>(null);

  const list = connections.data?.data ?? [];
  const catalog = providers.data?.data ?? [];
  const providerOf = (id: string) => catalog.find((entry) => entry.id === id);

  const replace = (updated: Connection) =>
    connections.set({ data: list.map((connection) => (connection.id === updated.id ? updated : connection)) });

  const verify = async (connection: Connection) => {
    setBusy({ id: connection.id, action: 'verify' });
    try {
      const result = await api.POST('/api/v1/connections/{connectionId}/verify', { params: { path: { connectionId: connection.id } } });
      replace(result.connection);
      notifications.show({
        color: result.ok ? 'green' : 'red',
        title: result.ok ? `${connection.name} works` : `${connection.name} does not work yet`,
        message: result.detail,
        autoClose: result.ok ? 6000 : 12_000,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not verify', message: describeError(error) });
    } finally {
      setBusy(null);
    }
  };

  // The list masks callback URLs (they carry a secret); the connection's own page has the full one.
  const showKey = async (connection: Connection) => {
    try {
      setShown({ connection: await api.GET('/api/v1/connections/{connectionId}', { params: { path: { connectionId: connection.id } } }), justCreated: false });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not open the connection', message: describeError(error) });
    }
  };

  const makeDefault = async (connection: Connection) => {
    setBusy({ id: connection.id, action: 'default' });
    try {
      await api.PATCH('/api/v1/connections/{connectionId}', { params: { path: { connectionId: connection.id } }, body: { makeDefault: true } });
      // The previous default changed too: read the whole list again.
      await connections.reload();
      notifications.show({ color: 'green', title: 'Default connection changed', message: `New envelopes are sent through ${connection.name}.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not change the default', message: describeError(error) });
    } finally {
      setBusy(null);
    }
  };

  const loading = connections.loading && !connections.data;
  const error = connections.error ?? providers.error;

  return (
    <>
      <Stack gap="md">
        <SectionHeader
          title="Connections"
          description="Envelopes are sent through the default connection."
          action={
            can('connections:admin') && (
              <Button leftSection={<PlusIcon size={16} />} onClick={() => setAdding(true)} disabled={catalog.length === 0}>
                Add connection
              </Button>
            )
          }
        />

        {error !== undefined && (
          <ErrorAlert
            error={error}
            title="The connections could not be loaded"
            onRetry={() => {
              void connections.reload();
              void providers.reload();
            }}
          />
        )}

        {loading ? (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Skeleton height={180} radius="lg" />
            <Skeleton height={180} radius="lg" />
          </SimpleGrid>
        ) : list.length === 0 && error === undefined ? (
          <Card p="xl">
            <Stack align="center" gap="xs" py="lg">
              <SettingsIcon size={40} color="var(--mantine-color-gray-5)" />
              <Text fw={600}>No connections yet</Text>
              <Text size="sm" c="dimmed" ta="center">
                Add your Autenti account (or the built-in sandbox) to send envelopes.
              </Text>
            </Stack>
          </Card>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {list.map((connection) => (
              <ConnectionCard
                key={connection.id}
                connection={connection}
                provider={providerOf(connection.provider)}
                busy={busy?.id === connection.id ? busy.action : null}
                onVerify={() => void verify(connection)}
                onMakeDefault={() => void makeDefault(connection)}
                onShowKey={() => void showKey(connection)}
              />
            ))}
          </SimpleGrid>
        )}
      </Stack>

      <AddConnectionModal
        opened={adding}
        providers={catalog}
        hasDefault={list.some((connection) => connection.isDefault)}
        onClose={() => setAdding(false)}
        onCreated={(connection) => {
          setAdding(false);
          setShown({ connection, justCreated: true });
          void connections.reload();
        }}
      />
      <PublicKeyDialog
        connection={shown?.connection ?? null}
        justCreated={shown?.justCreated ?? false}
        sandboxPath={shown ? providerOf(shown.connection.provider)?.sandboxPath : undefined}
        onClose={() => setShown(null)}
      />
    </>
  );
}
