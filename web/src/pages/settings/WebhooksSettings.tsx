import { Alert, Badge, Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
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
      notifications.show({ color: 'brand', title: 'Test event sent', message: `Its answer shows in the delivery log of ${endpoint.url}.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'No test event was sent', message: describeError(error), autoClose: 10_000 });
    } finally {
      setBusy(null);
    }
  };

  const enable = async (endpoint: WebhookEndpoint) => {
    setBusy({ id: endpoint.id, action: 'enable' });
    try {
      replace(await api.PATCH('/api/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId: endpoint.id } }, body: { enabled: true } }));
      notifications.show({ color: 'green', title: 'Endpoint enabled', message: 'New events are sent to it. Redeliver from its log what it missed.' });
    } catch (error) {
      notifications.show({ color: 'red', title: 'The endpoint was not enabled', message: describeError(error), autoClose: 10_000 });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md">
      <SectionHeader
        title="Webhooks"
        description="Countersign sends each event (an envelope sent, a participant signed, an envelope completed…) to these URLs as it happens, signed with the endpoint’s secret, and retries for about a day when a receiver fails."
        action={
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setForm({ opened: true, endpoint: null })}>
            Add endpoint
          </Button>
        }
      />
      {endpoints.error !== undefined && <ErrorAlert error={endpoints.error} title="The webhook endpoints could not be loaded" onRetry={() => void endpoints.reload()} />}
      {endpoints.loading && !endpoints.data ? (
        <Skeleton height={160} radius="lg" />
      ) : list.length === 0 && endpoints.error === undefined ? (
        <Card p="xl">
          <Stack align="center" gap="xs" py="lg">
            <BellIcon size={40} color="var(--mantine-color-gray-5)" />
            <Text fw={600}>No webhook endpoints yet</Text>
            <Text size="sm" c="dimmed" ta="center">
              Add one to have your CRM or ERP hear when envelopes are sent, signed or completed, without asking.
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
          notifications.show({ color: 'green', title: 'Endpoint saved', message: updated.url });
        }}
      />
      <WebhookSecretDialog shown={secret} onClose={() => setSecret(null)} />
      <ConfirmActionDialog
        opened={rotating !== null}
        title="Rotate the signing secret?"
        text={
          <>
            A new secret is made and shown once. The old one keeps working for 24 hours: until then every delivery to{' '}
            <span className="break-anywhere">{rotating?.url}</span> is signed with both, so your receiver goes on accepting them while you switch it to the
            new secret.
          </>
        }
        confirmLabel="Rotate secret"
        color="brand"
        failureTitle="The secret was not rotated"
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
        title="Delete this webhook endpoint?"
        text={
          <>
            Nothing more is sent to <span className="break-anywhere">{deleting?.url}</span>, and its delivery log is deleted with it. This cannot be undone.
          </>
        }
        confirmLabel="Delete endpoint"
        failureTitle="The endpoint was not deleted"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await api.DELETE('/api/v1/webhook-endpoints/{endpointId}', { params: { path: { endpointId: deleting.id } } });
          notifications.show({ color: 'gray', title: 'Endpoint deleted', message: deleting.url });
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
            {endpoint.enabled ? 'Enabled' : 'Disabled'}
          </Badge>
        </Group>
        <Text size="sm">
          <Text span fw={600}>
            Events:
          </Text>{' '}
          {describeEventFilter(endpoint.events)}
        </Text>
        {!endpoint.enabled && (
          <Alert color="orange" variant="light" title={`Disabled ${formatDateTime(endpoint.disabledAt)}`}>
            <Text size="sm" className="break-anywhere">
              {endpoint.disabledReason ?? 'No reason was recorded.'}
            </Text>
            <Button size="xs" mt="sm" variant="white" color="orange" loading={busy === 'enable'} onClick={onEnable}>
              Enable again
            </Button>
          </Alert>
        )}
        {endpoint.enabled && endpoint.failingSince && (
          <Alert color="yellow" variant="light">
            Every attempt to deliver has failed since {formatDateTime(endpoint.failingSince)}. After 5 days of failures the endpoint is disabled; see its
            delivery log for the answers.
          </Alert>
        )}
        {endpoint.previousSecretExpiresAt && (
          <Text size="xs" c="dimmed">
            The replaced secret also signs deliveries until {formatDateTime(endpoint.previousSecretExpiresAt)}.
          </Text>
        )}
        <Group gap="xs" mt="xs">
          <Button component="a" {...linkProps(`/settings/webhooks/${endpoint.id}`)} size="xs" variant="light">
            Delivery log
          </Button>
          <GuardedButton
            size="xs"
            variant="default"
            loading={busy === 'test'}
            blockedReason={endpoint.enabled ? null : 'The endpoint is disabled: enable it first.'}
            onClick={onTest}
          >
            Send test event
          </GuardedButton>
          <Button size="xs" variant="default" onClick={onEdit}>
            Change
          </Button>
          <Button size="xs" variant="default" onClick={onRotate}>
            Rotate secret
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={onDelete}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
