import { Button, Card, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../../api';
import { AddConnectionModal } from '../../components/AddConnectionModal';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { ConnectionCard } from '../../components/ConnectionCard';
import { EditConnectionModal } from '../../components/EditConnectionModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlusIcon, SettingsIcon } from '../../components/icons';
import { PublicKeyDialog } from '../../components/PublicKeyDialog';
import { SectionHeader } from '../../components/SectionHeader';
import { useApiData } from '../../hooks/useApiData';
import { useSession } from '../../session';
import type { Connection } from '../../types';

/** Settings → Connections: the provider accounts envelopes are sent through. */
export function ConnectionsSettings() {
  const { can } = useSession();
  const { t } = useTranslation(['settings', 'common']);
  const connections = useApiData('/api/v1/connections');
  const providers = useApiData('/api/v1/providers');
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<{ connection: Connection; justCreated: boolean; newKey?: boolean } | null>(null);
  const [busy, setBusy] = useState<{ id: string; action: 'verify' | 'default' } | null>(null);
  const [editing, setEditing] = useState<Connection | null>(null);
  /** A change asked first: a new key pair, a deletion, or an unhealthy connection made the default. */
  const [asking, setAsking] = useState<{ action: 'rotate-key' | 'delete' | 'default'; connection: Connection } | null>(null);

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
        title: result.ok ? t('connections.verify.works', { name: connection.name }) : t('connections.verify.doesNotWork', { name: connection.name }),
        message: result.detail,
        autoClose: result.ok ? 6000 : 12_000,
      });
    } catch (error) {
      notifications.show({ color: 'red', title: t('connections.verify.failed'), message: describeError(error) });
    } finally {
      setBusy(null);
    }
  };

  // The list masks callback URLs (they carry a secret); the connection's own page has the full one.
  const showKey = async (connection: Connection) => {
    try {
      setShown({ connection: await api.GET('/api/v1/connections/{connectionId}', { params: { path: { connectionId: connection.id } } }), justCreated: false });
    } catch (error) {
      notifications.show({ color: 'red', title: t('connections.openFailed'), message: describeError(error) });
    }
  };

  /** A connection whose last check failed, or that was never checked, is made the default only once asked. */
  const askMakeDefault = (connection: Connection) => {
    if (connection.health.status === 'ok') void makeDefault(connection);
    else setAsking({ action: 'default', connection });
  };

  const makeDefault = async (connection: Connection) => {
    setBusy({ id: connection.id, action: 'default' });
    try {
      await api.PATCH('/api/v1/connections/{connectionId}', { params: { path: { connectionId: connection.id } }, body: { makeDefault: true } });
      // The previous default changed too: read the whole list again.
      await connections.reload();
      notifications.show({ color: 'green', title: t('connections.defaultChanged'), message: t('connections.defaultChangedText', { name: connection.name }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('connections.defaultNotChanged'), message: describeError(error) });
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
          title={t('connections.title')}
          description={t('connections.description')}
          action={
            can('connections:admin') && (
              <Button leftSection={<PlusIcon size={16} />} onClick={() => setAdding(true)} disabled={catalog.length === 0}>
                {t('connections.add')}
              </Button>
            )
          }
        />

        {error !== undefined && (
          <ErrorAlert
            error={error}
            title={t('connections.loadFailed')}
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
              <Text fw={600}>{t('connections.emptyTitle')}</Text>
              <Text size="sm" c="dimmed" ta="center">
                {t('connections.emptyText')}
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
                onMakeDefault={() => askMakeDefault(connection)}
                onShowKey={() => void showKey(connection)}
                admin={
                  can('connections:admin')
                    ? {
                        onEdit: () => setEditing(connection),
                        onRotateKey: () => setAsking({ action: 'rotate-key', connection }),
                        onDelete: () => setAsking({ action: 'delete', connection }),
                      }
                    : undefined
                }
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
      <EditConnectionModal
        connection={editing}
        provider={editing ? providerOf(editing.provider) : undefined}
        onClose={() => setEditing(null)}
        onSaved={(updated) => {
          setEditing(null);
          replace(updated);
          notifications.show({
            color: 'green',
            title: t('connections.changed'),
            message: updated.health.status === 'unknown' ? t('connections.verifyAgain') : updated.name,
          });
        }}
      />
      <ConfirmActionDialog
        opened={asking?.action === 'default'}
        title={t('connections.makeDefault.title', { name: asking?.connection.name ?? t('connections.makeDefault.it') })}
        text={
          asking?.connection.health.status === 'error'
            ? t('connections.makeDefault.failedCheck', { detail: asking.connection.health.detail ?? t('connections.makeDefault.noReason') })
            : t('connections.makeDefault.notVerified')
        }
        confirmLabel={t('connections.makeDefault.confirm')}
        color="orange"
        failureTitle={t('connections.makeDefault.failed')}
        onClose={() => setAsking(null)}
        onConfirm={async () => {
          const connection = asking!.connection;
          setAsking(null);
          await makeDefault(connection);
        }}
      />
      <ConfirmActionDialog
        opened={asking?.action === 'rotate-key'}
        title={t('connections.rotateKey.title', { name: asking?.connection.name ?? t('connections.theConnection') })}
        text={t('connections.rotateKey.text', { provider: (asking && providerOf(asking.connection.provider)?.name) ?? t('connections.rotateKey.theProvider') })}
        confirmLabel={t('connections.rotateKey.confirm')}
        color="orange"
        failureTitle={t('connections.rotateKey.failed')}
        onClose={() => setAsking(null)}
        onConfirm={async () => {
          const rotated = await api.POST('/api/v1/connections/{connectionId}/rotate-key', { params: { path: { connectionId: asking!.connection.id } } });
          setAsking(null);
          replace(rotated);
          // The list masks the callback URL; the dialog shows the connection as an administrator reads it.
          setShown({ connection: rotated, justCreated: false, newKey: true });
        }}
      />
      <ConfirmActionDialog
        opened={asking?.action === 'delete'}
        title={t('connections.delete.title', { name: asking?.connection.name ?? t('connections.theConnection') })}
        text={t('connections.delete.text')}
        confirmLabel={t('common:actions.delete')}
        failureTitle={t('connections.delete.failed')}
        onClose={() => setAsking(null)}
        onConfirm={async () => {
          const connection = asking!.connection;
          await api.DELETE('/api/v1/connections/{connectionId}', { params: { path: { connectionId: connection.id } } });
          setAsking(null);
          notifications.show({ color: 'gray', title: t('connections.delete.done'), message: connection.name });
          await connections.reload();
        }}
      />
      <PublicKeyDialog
        connection={shown?.connection ?? null}
        justCreated={shown?.justCreated ?? false}
        newKey={shown?.newKey ?? false}
        sandboxPath={shown ? providerOf(shown.connection.provider)?.sandboxPath : undefined}
        onClose={() => setShown(null)}
      />
    </>
  );
}
