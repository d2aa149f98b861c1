import { Skeleton, Stack, Table, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ShowOlderButton } from '../../components/ShowOlderButton';
import { formatFullDateTime } from '../../format';
import { useCursorList } from '../../hooks/useCursorList';
import { SectionHeader } from '../../components/SectionHeader';

/** Settings → Audit log: who did what administrative action, newest first. */
export function AuditLogSettings() {
  const log = useCursorList('/api/v1/audit-log', {}, { pageSize: 50 });
  return (
    <Stack gap="md">
      <SectionHeader
        title="Audit log"
        description="Connections, API keys and users created, changed or removed, and envelopes sent, withdrawn or deleted. Entries are never changed."
      />
      {log.error !== undefined && <ErrorAlert error={log.error} title="The audit log could not be loaded" onRetry={() => void log.refresh()} />}
      {!log.loaded ? (
        <Skeleton height={160} radius="lg" />
      ) : log.items.length === 0 ? (
        <Text c="dimmed">Nothing recorded yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" aria-label="Audit log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Target</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{formatFullDateTime(entry.occurredAt)}</Table.Td>
                  <Table.Td>
                    {entry.actor.name}
                    {entry.actor.type === 'key' && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (API key)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <code>{entry.action}</code>
                  </Table.Td>
                  <Table.Td>
                    {entry.targetName ?? ''}{' '}
                    <Text span size="xs" c="dimmed">
                      {entry.targetId ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ShowOlderButton list={log} />
    </Stack>
  );
}
