import { Anchor, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatFullDateTime } from '../format';
import { useApiData } from '../hooks/useApiData';
import { useCursorList } from '../hooks/useCursorList';
import { useRefreshWhile } from '../hooks/useRefreshWhile';
import { linkProps } from '../router';
import { eventTypeLabel } from '../webhooks';
import { ErrorAlert } from './ErrorAlert';
import { ShowOlderButton } from './ShowOlderButton';
import { WebhookDeliveryStatus } from './WebhookDeliveryStatus';

const PAGE_SIZE = 25;

/**
 * The envelope page's "Webhook deliveries": what its events sent to each webhook endpoint. Shown only
 * to people with `webhooks:admin` (the page checks): the route needs that scope. `changes` moves when
 * the envelope gets a new event, which may have made new deliveries.
 */
export function EnvelopeWebhookDeliveries({ envelopeId, changes }: { envelopeId: string; changes: number }) {
  const { t } = useTranslation('participants');
  const deliveries = useCursorList('/api/v1/envelopes/{envelopeId}/webhook-deliveries', {}, { pageSize: PAGE_SIZE, pathParams: { envelopeId } });
  const endpoints = useApiData('/api/v1/webhook-endpoints');
  const urlOf = (endpointId: string) => endpoints.data?.data.find((endpoint) => endpoint.id === endpointId)?.url ?? endpointId;

  const { refresh } = deliveries;
  const seenChanges = useRef(changes);
  useEffect(() => {
    if (seenChanges.current === changes) return;
    seenChanges.current = changes;
    void refresh();
  }, [changes, refresh]);
  useRefreshWhile(deliveries.items.length <= PAGE_SIZE && deliveries.items.some((delivery) => delivery.status === 'pending'), refresh);

  return (
    <Stack gap="sm">
      {deliveries.error !== undefined && <ErrorAlert error={deliveries.error} title={t('webhookDeliveries.loadFailed')} onRetry={() => void refresh()} />}
      {!deliveries.loaded ? (
        deliveries.error === undefined && <Skeleton height={80} radius="md" />
      ) : deliveries.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('webhookDeliveries.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label={t('webhookDeliveries.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhookDeliveries.columns.event')}</Table.Th>
                <Table.Th>{t('webhookDeliveries.columns.endpoint')}</Table.Th>
                <Table.Th>{t('webhookDeliveries.columns.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.items.map((delivery) => (
                <Table.Tr key={delivery.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {eventTypeLabel(delivery.eventType)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <time dateTime={delivery.createdAt} title={formatFullDateTime(delivery.createdAt)}>
                        {formatDateTime(delivery.createdAt)}
                      </time>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor {...linkProps(`/settings/webhooks/${delivery.endpointId}`)} size="sm" className="break-anywhere">
                      {urlOf(delivery.endpointId)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <WebhookDeliveryStatus delivery={delivery} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShowOlderButton list={deliveries} size="xs" />
    </Stack>
  );
}
