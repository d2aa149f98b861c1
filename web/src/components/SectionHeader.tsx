import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A section's heading within a page (the tabs of Settings), a line saying what it is for, and its action. */
export function SectionHeader({ title, description, action }: { title: ReactNode; description: ReactNode; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end">
      <Stack gap={2}>
        <Title order={2} fz="xl">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </Stack>
      {action}
    </Group>
  );
}
