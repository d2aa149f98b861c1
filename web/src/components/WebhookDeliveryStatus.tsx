import { Badge, Stack, Text } from '@mantine/core';
import type { WebhookDelivery } from '../types';
import { useTranslation } from 'react-i18next';
import { DELIVERY_STATUS_COLORS, deliveryStatusLabel, describeDeliveryStatus } from '../webhooks';

/** A delivery's status as a badge, with the line that says when it was delivered, when it is tried next, or why it failed. */
export function WebhookDeliveryStatus({ delivery }: { delivery: WebhookDelivery }) {
  // Re-rendered when the language changes: the words below are read from the catalog at each render.
  useTranslation('settings');
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={DELIVERY_STATUS_COLORS[delivery.status]} variant="light">
        {deliveryStatusLabel(delivery.status)}
      </Badge>
      <Text size="xs" c="dimmed" className="break-anywhere">
        {describeDeliveryStatus(delivery)}
      </Text>
    </Stack>
  );
}
