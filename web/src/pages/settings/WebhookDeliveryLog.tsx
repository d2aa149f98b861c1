import { Alert, Anchor, Badge, Button, Code, Group, NativeSelect, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, describeError } from '../../api';
import { ActionsColumnHeader } from '../../components/ActionsColumnHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { GuardedButton } from '../../components/GuardedButton';
import { ArrowLeftIcon, RefreshIcon, SendIcon } from '../../components/icons';
import { SectionHeader } from '../../components/SectionHeader';
import { ShowOlderButton } from '../../components/ShowOlderButton';
import { WebhookDeliveryStatus } from '../../components/WebhookDeliveryStatus';
import { formatDateTime, formatFullDateTime } from '../../format';
import { useApiData } from '../../hooks/useApiData';
import { useCursorList } from '../../hooks/useCursorList';
import { useRefreshWhile } from '../../hooks/useRefreshWhile';
import { linkProps } from '../../router';
import type { WebhookDelivery, WebhookDeliveryAttempt } from '../../types';
import { deliveryStatusLabel, eventTypeLabel, redeliverBlockedReason } from '../../webhooks';

const PAGE_SIZE = 25;
type StatusFilter = '' | WebhookDelivery['status'];

/** Settings → Webhooks → one endpoint's delivery log: each event sent, its attempts, and Redeliver. */
export function WebhookDeliveryLog({ endpointId }: { endpointId: string }) {
  const thisEndpoint = { params: { path: { endpointId } } };
  const { t } = useTranslation(['settings', 'common']);
  const endpoint = useApiData('/api/v1/webhook-endpoints/{endpointId}', thisEndpoint);
  const [status, setStatus] = useState<StatusFilter>('');
  const log = useCursorList('/api/v1/webhook-endpoints/{endpointId}/deliveries', status ? { status } : {}, { pageSize: PAGE_SIZE, pathParams: { endpointId } });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  /** What is being sent: 'test', or the id of the delivery being sent again. */
  const [busy, setBusy] = useState<string | null>(null);

  // Follow pending deliveries to their end; only while the first page alone is shown, since a
  // refresh starts the list again from its first page.
  useRefreshWhile(log.items.length <= PAGE_SIZE && log.items.some((delivery) => delivery.status === 'pending'), log.refresh);

  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const sendTest = async () => {
    setBusy('test');
    try {
      await api.POST('/api/v1/webhook-endpoints/{endpointId}/test', thisEndpoint);
      notifications.show({ color: 'brand', title: t('webhooks.testSent'), message: t('deliveryLog.testSentText') });
    } catch (error) {
      notifications.show({ color: 'red', title: t('webhooks.testNotSent'), message: describeError(error), autoClose: 10_000 });
    } finally {
      setBusy(null);
      await log.refresh();
    }
  };

  const redeliver = async (delivery: WebhookDelivery) => {
    setBusy(delivery.id);
    try {
      await api.POST('/api/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redeliver', { params: { path: { endpointId, deliveryId: delivery.id } } });
      notifications.show({ color: 'brand', title: t('deliveryLog.sentAgain'), message: t('deliveryLog.sentAgainText', { event: eventTypeLabel(delivery.eventType) }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('deliveryLog.notSentAgain'), message: describeError(error), autoClose: 10_000 });
    } finally {
      setBusy(null);
      await log.refresh();
    }
  };

  const back = (
    <Anchor {...linkProps('/settings/webhooks')} size="sm" display="inline-block">
      <Group gap={4} component="span">
        <ArrowLeftIcon size={14} /> {t('deliveryLog.allEndpoints')}
      </Group>
    </Anchor>
  );

  if (endpoint.error instanceof ApiError && endpoint.error.status === 404) {
    return (
      <Stack gap="md">
        {back}
        <ErrorAlert error={endpoint.error} title={t('deliveryLog.noSuchEndpoint')} />
      </Stack>
    );
  }

  const enabled = endpoint.data?.enabled;
  return (
    <Stack gap="md">
      {back}
      <SectionHeader
        title={t('deliveryLog.title')}
        description={<span className="break-anywhere">{endpoint.data ? endpoint.data.url : t('deliveryLog.loadingEndpoint')}</span>}
        action={
          <Group gap="xs">
            <Button variant="default" leftSection={<RefreshIcon size={16} />} onClick={() => void log.refresh()}>
              {t('deliveryLog.refresh')}
            </Button>
            <GuardedButton
              leftSection={<SendIcon size={16} />}
              loading={busy === 'test'}
              blockedReason={enabled === false ? t('webhooks.disabledFirst') : null}
              onClick={() => void sendTest()}
            >
              {t('webhooks.sendTest')}
            </GuardedButton>
          </Group>
        }
      />
      {endpoint.data && !endpoint.data.enabled && (
        <Alert color="orange" variant="light" title={t('deliveryLog.disabledTitle')}>
          <Text size="sm" className="break-anywhere">
            {t('deliveryLog.disabledText', { reason: endpoint.data.disabledReason ?? t('deliveryLog.wasDisabled') })}
          </Text>
        </Alert>
      )}
      {endpoint.error !== undefined && <ErrorAlert error={endpoint.error} title={t('deliveryLog.endpointLoadFailed')} onRetry={() => void endpoint.reload()} />}
      {log.error !== undefined && <ErrorAlert error={log.error} title={t('deliveryLog.logLoadFailed')} onRetry={() => void log.refresh()} />}

      <NativeSelect
        label={t('deliveryLog.status')}
        w={220}
        value={status}
        onChange={(event) => setStatus(event.currentTarget.value as StatusFilter)}
        data={[
          { value: '', label: t('deliveryLog.allDeliveries') },
          ...(['pending', 'delivered', 'failed'] as const).map((value) => ({ value, label: deliveryStatusLabel(value) })),
        ]}
      />

      {!log.loaded ? (
        <Skeleton height={160} radius="lg" />
      ) : log.items.length === 0 ? (
        <Text c="dimmed">{status ? t('deliveryLog.noneWithStatus') : t('deliveryLog.nothingSent')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" aria-label={t('deliveryLog.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deliveryLog.columns.event')}</Table.Th>
                <Table.Th>{t('deliveryLog.columns.envelope')}</Table.Th>
                <Table.Th>{t('deliveryLog.columns.status')}</Table.Th>
                <Table.Th>{t('deliveryLog.columns.attempts')}</Table.Th>
                <ActionsColumnHeader />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.items.map((delivery) => {
                const attemptsId = `attempts-${delivery.id}`;
                const expanded = open.has(delivery.id);
                return (
                  <Fragment key={delivery.id}>
                    <Table.Tr>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {eventTypeLabel(delivery.eventType)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          <time dateTime={delivery.createdAt} title={formatFullDateTime(delivery.createdAt)}>
                            {formatDateTime(delivery.createdAt)}
                          </time>
                          {delivery.redeliveryOf && t('deliveryLog.sentByHand')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {delivery.envelopeId ? (
                          <Anchor {...linkProps(`/envelopes/${delivery.envelopeId}`)} size="sm" className="break-anywhere">
                            {delivery.envelopeId}
                          </Anchor>
                        ) : (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <WebhookDeliveryStatus delivery={delivery} />
                      </Table.Td>
                      <Table.Td>
                        {delivery.attempts.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            {t('deliveryLog.noneYet')}
                          </Text>
                        ) : (
                          <Button size="compact-sm" variant="subtle" aria-expanded={expanded} aria-controls={attemptsId} onClick={() => toggle(delivery.id)}>
                            {t(expanded ? 'deliveryLog.hideAttempts' : 'deliveryLog.showAttempts', { count: delivery.attempts.length })}
                          </Button>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <GuardedButton
                          size="xs"
                          variant="light"
                          loading={busy === delivery.id}
                          blockedReason={redeliverBlockedReason(delivery, endpoint.data)}
                          onClick={() => void redeliver(delivery)}
                        >
                          {t('deliveryLog.redeliver')}
                        </GuardedButton>
                      </Table.Td>
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr id={attemptsId}>
                        <Table.Td colSpan={5}>
                          <DeliveryAttempts attempts={delivery.attempts} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShowOlderButton list={log} />
    </Stack>
  );
}

/** Each attempt of a delivery, oldest first: when, how long, the answer's status (or why none came) and its first bytes. */
function DeliveryAttempts({ attempts }: { attempts: WebhookDeliveryAttempt[] }) {
  const { t } = useTranslation('settings');
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {[...attempts]
        .sort((a, b) => a.number - b.number)
        .map((attempt) => {
          const ok = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
          return (
            <Stack key={attempt.number} gap={4} component="li">
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {t('deliveryLog.attempt', { number: String(attempt.number) })}
                </Text>
                <Badge color={ok ? 'green' : 'red'} variant="light">
                  {attempt.statusCode === null ? t('webhookDeliveries.noAnswer') : t('deliveryLog.httpStatus', { code: String(attempt.statusCode) })}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('deliveryLog.durationMs', { date: formatFullDateTime(attempt.attemptedAt), duration: attempt.durationMs })}
                </Text>
              </Group>
              {attempt.error && (
                <Text size="sm" className="break-anywhere">
                  {attempt.error}
                </Text>
              )}
              {attempt.responseSnippet ? (
                <Code block className="break-anywhere" style={{ whiteSpace: 'pre-wrap', maxHeight: 160, overflow: 'auto' }} aria-label={t('deliveryLog.answerTo', { number: String(attempt.number) })}>
                  {attempt.responseSnippet}
                </Code>
              ) : (
                attempt.statusCode !== null && (
                  <Text size="xs" c="dimmed">
                    {t('deliveryLog.noBody')}
                  </Text>
                )
              )}
            </Stack>
          );
        })}
    </Stack>
  );
}
