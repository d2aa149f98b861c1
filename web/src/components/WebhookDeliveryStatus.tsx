import { Badge, Stack, Text } from '@mantine/core';
import type { WebhookDelivery } from '../types';
import { DELIVERY_STATUS_LOOK, describeDeliveryStatus } from '../webhooks';

/** A delivery's status as a badge, with the line that says when it was delivered, when it is tried next, or why it failed. */
export function WebhookDeliveryStatus({ delivery }: { delivery: WebhookDelivery }) {
  const look = DELIVERY_STATUS_LOOK[delivery.status];
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={look.color} variant="light">
        {look.label}
      </Badge>
      <Text size="xs" c="dimmed" className="break-anywhere">
        {describeDeliveryStatus(delivery)}
      </Text>
    </Stack>
  );
}
