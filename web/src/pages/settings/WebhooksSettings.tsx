import { Alert, Badge, Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api, describeError } from '../../api';
import { ConfirmActionDialog } from '../../components/ConfirmActionDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { GuardedButton } from '../../components/GuardedButton';
import { BellIcon, PlusIcon } from '../../components/icons';
import { SectionHeader } from '../../components/SectionHeader';
import { WebhookEndpointFormModal } from '../../components/WebhookEndpointFormModal';
import { WebhookSecretDialog, type ShownSecret } from '../../components/WebhookSecretDialog';
import { formatDateTime } from '../../format';
import { useApiData } from '../../hooks/useApiData';
import { linkProps } from '../../router';
import type { WebhookEndpoint } from '../../types';
import { describeEventFilter } from '../../webhooks';

type EndpointAction = 'test' | 'enable';

/** Settings → Webhooks: the URLs events are sent to, each added with a secret shown once. */
export function WebhooksSettings() {
  const endpoints = useApiData('/api/v1/webhook-endpoints');
  const { t } = useTranslation(['settings', 'common']);
  // `endpoint` null adds one. It stays while the form closes, so the title holds during the closing animation.
  const [form, setForm] = useState<{ opened: boolean; endpoint: WebhookEndpoint | null }>({ opened: false, endpoint: null });
  const closeForm = () => setForm((current) => ({ ...current, opened: false }));
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [rotating, setRotating] = useState<WebhookEndpoint | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const [busy, setBusy] = useState<{ id: string; action: EndpointAction } | null>(null);

  const list = endpoints.data?.data ?? [];
  const replace = (updated: WebhookEndpoint) => endpoints.set({ data: list.map((endpoint) => (endpoint.id === updated.id ? updated : endpoint)) });

  const sendTest = async (endpoint: WebhookEndpoint) => {
    setBusy({ id: endpoint.id, action: 'test' });
    try {
      await api.POST('/api/v1/webhook-endpoints/{endpointId}/test', { params: { path: { endpointId: endpoint.id } } });
      notifications.show({ color: 'brand', title: t('webhooks.testSent'), message: t('webhooks.testSentText', { url: endpoint.url }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('webhooks.testNotSent'), message: describeError(error), autoClose: 10_000 });
    } finally {
      setBusy(null);
    }
  };

  const enable = async (endpoint: WebhookEndpoint) => {
    setBusy({ id: endpoint.id, action: 'enable' });
    try {
      replace(await api.PATCH('/api/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId: endpoint.id } }, body: { enabled: true } }));
      notifications.show({ color: 'green', title: t('webhooks.enabledTitle'), message: t('webhooks.enabledText') });
    } catch (error) {
      notifications.show({ color: 'red', title: t('webhooks.notEnabled'), message: describeError(error), autoClose: 10_000 });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md">
      <SectionHeader
        title={t('webhooks.title')}
        description={t('webhooks.description')}
        action={
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setForm({ opened: true, endpoint: null })}>
            {t('webhooks.add')}
          </Button>
        }
      />
      {endpoints.error !== undefined && <ErrorAlert error={endpoints.error} title={t('webhooks.loadFailed')} onRetry={() => void endpoints.reload()} />}
      {endpoints.loading && !endpoints.data ? (
        <Skeleton height={160} radius="lg" />
      ) : list.length === 0 && endpoints.error === undefined ? (
        <Card p="xl">
          <Stack align="center" gap="xs" py="lg">
            <BellIcon size={40} color="var(--mantine-color-gray-5)" />
            <Text fw={600}>{t('webhooks.emptyTitle')}</Text>
            <Text size="sm" c="dimmed" ta="center">
              {t('webhooks.emptyText')}
            </Text>
          </Stack>
        </Card>
      ) : (
        <Stack gap="md">
          {list.map((endpoint) => (
            <EndpointCard
              key={endpoint.id}
              endpoint={endpoint}
              busy={busy?.id === endpoint.id ? busy.action : null}
              onTest={() => void sendTest(endpoint)}
              onEnable={() => void enable(endpoint)}
              onEdit={() => setForm({ opened: true, endpoint })}
              onRotate={() => setRotating(endpoint)}
              onDelete={() => setDeleting(endpoint)}
            />
          ))}
        </Stack>
      )}

      <WebhookEndpointFormModal
        opened={form.opened}
        endpoint={form.endpoint}
        onClose={closeForm}
        onCreated={(created) => {
          closeForm();
          setSecret({ endpoint: created, rotated: false });
          void endpoints.reload();
        }}
        onUpdated={(updated) => {
          closeForm();
          replace(updated);
          notifications.show({ color: 'green', title: t('webhooks.saved'), message: updated.url });
        }}
      />
      <WebhookSecretDialog shown={secret} onClose={() => setSecret(null)} />
      <ConfirmActionDialog
        opened={rotating !== null}
        title={t('webhooks.rotate.title')}
        text={
          <Trans t={t} i18nKey="webhooks.rotate.text" values={{ url: rotating?.url ?? '' }} components={{ url: <span className="break-anywhere" /> }} />
        }
        confirmLabel={t('webhooks.rotate.confirm')}
        color="brand"
        failureTitle={t('webhooks.rotate.failed')}
        onClose={() => setRotating(null)}
        onConfirm={async () => {
          if (!rotating) return;
          const rotated = await api.POST('/api/v1/webhook-endpoints/{endpointId}/rotate-secret', { params: { path: { endpointId: rotating.id } } });
          setRotating(null);
          replace(rotated);
          setSecret({ endpoint: rotated, rotated: true });
        }}
      />
      <ConfirmActionDialog
        opened={deleting !== null}
        title={t('webhooks.delete.title')}
        text={
          <Trans t={t} i18nKey="webhooks.delete.text" values={{ url: deleting?.url ?? '' }} components={{ url: <span className="break-anywhere" /> }} />
        }
        confirmLabel={t('webhooks.delete.confirm')}
        failureTitle={t('webhooks.delete.failed')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await api.DELETE('/api/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId: deleting.id } } });
          notifications.show({ color: 'gray', title: t('webhooks.delete.done'), message: deleting.url });
          setDeleting(null);
          await endpoints.reload();
        }}
      />
    </Stack>
  );
}

/** One endpoint: where, what it takes, whether it is enabled (and why not), and what can be done with it. */
function EndpointCard({
  endpoint,
  busy,
  onTest,
  onEnable,
  onEdit,
  onRotate,
  onDelete,
}: {
  endpoint: WebhookEndpoint;
  busy: EndpointAction | null;
  onTest: () => void;
  onEnable: () => void;
  onEdit: () => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const titleId = useId();
  const { t } = useTranslation(['settings', 'common']);
  return (
    // An article named by its URL: a screen reader (and a test) finds each endpoint's own buttons in it.
    <Card component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={700} id={titleId} className="break-anywhere">
              {endpoint.url}
            </Text>
            {endpoint.description && (
              <Text size="sm" c="dimmed" className="break-anywhere">
                {endpoint.description}
              </Text>
            )}
          </Stack>
          <Badge color={endpoint.enabled ? 'green' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
            {endpoint.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}
          </Badge>
        </Group>
        <Text size="sm">
          <Text span fw={600}>
            {t('webhooks.events')}
          </Text>{' '}
          {describeEventFilter(endpoint.events)}
        </Text>
        {!endpoint.enabled && (
          <Alert color="orange" variant="light" title={t('webhooks.disabledAt', { date: formatDateTime(endpoint.disabledAt) })}>
            <Text size="sm" className="break-anywhere">
              {endpoint.disabledReason ?? t('webhooks.noReason')}
            </Text>
            <Button size="xs" mt="sm" variant="white" color="orange" loading={busy === 'enable'} onClick={onEnable}>
              {t('webhooks.enableAgain')}
            </Button>
          </Alert>
        )}
        {endpoint.enabled && endpoint.failingSince && (
          <Alert color="yellow" variant="light">
            {t('webhooks.failingSince', { date: formatDateTime(endpoint.failingSince) })}
          </Alert>
        )}
        {endpoint.previousSecretExpiresAt && (
          <Text size="xs" c="dimmed">
            {t('webhooks.previousSecret', { date: formatDateTime(endpoint.previousSecretExpiresAt) })}
          </Text>
        )}
        <Group gap="xs" mt="xs">
          <Button component="a" {...linkProps(`/settings/webhooks/${endpoint.id}`)} size="xs" variant="light">
            {t('webhooks.deliveryLog')}
          </Button>
          <GuardedButton
            size="xs"
            variant="default"
            loading={busy === 'test'}
            blockedReason={endpoint.enabled ? null : t('webhooks.disabledFirst')}
            onClick={onTest}
          >
            {t('webhooks.sendTest')}
          </GuardedButton>
          <Button size="xs" variant="default" onClick={onEdit}>
            {t('webhooks.change')}
          </Button>
          <Button size="xs" variant="default" onClick={onRotate}>
            {t('webhooks.rotateSecret')}
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={onDelete}>
            {t('common:actions.delete')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
