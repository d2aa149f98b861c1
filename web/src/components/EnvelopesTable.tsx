import { Anchor, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { formatDateTime, formatFullDateTime, fullName } from '../format';
import { usePhone } from '../hooks/usePhone';
import { linkProps } from '../router';
import type { EnvelopeSummary } from '../types';
import { StatusBadge } from './StatusBadge';

export function EnvelopesTable({ envelopes, loading }: { envelopes: EnvelopeSummary[]; loading: boolean }) {
  const phone = usePhone();
  if (phone) return <EnvelopeCards envelopes={envelopes} loading={loading} />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Title</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Participants</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading && envelopes.length === 0
            ? Array.from({ length: 5 }, (_, index) => (
                <Table.Tr key={index}>
                  {Array.from({ length: 5 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton height={14} radius="sm" />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : envelopes.map((envelope) => (
                <Table.Tr key={envelope.id}>
                  <Table.Td maw={340}>
                    <Anchor {...linkProps(`/envelopes/${envelope.id}`)} className="table-link break-anywhere">
                      {envelope.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <StatusBadge status={envelope.status} />
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="sm" truncate title={envelope.participants.map((participant) => `${fullName(participant)} <${participant.email}>`).join('\n')}>
                      {envelope.participants.length === 0 ? '—' : envelope.participants.map(fullName).join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatFullDateTime(envelope.createdAt)}>
                      {formatDateTime(envelope.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatFullDateTime(envelope.updatedAt)}>
                      {formatDateTime(envelope.updatedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On a phone: title and status on one line, who and when below. */
function EnvelopeCards({ envelopes, loading }: { envelopes: EnvelopeSummary[]; loading: boolean }) {
  if (loading && envelopes.length === 0) {
    return (
      <Stack p="md" gap="md">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} height={44} radius="md" />
        ))}
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      {envelopes.map((envelope) => (
        <Stack key={envelope.id} gap={4} px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
          <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
            <Anchor {...linkProps(`/envelopes/${envelope.id}`)} className="table-link break-anywhere">
              {envelope.title}
            </Anchor>
            <StatusBadge status={envelope.status} style={{ flexShrink: 0 }} />
          </Group>
          <Text size="xs" c="dimmed" className="break-anywhere">
            {envelope.participants.length === 0 ? 'No participants' : envelope.participants.map(fullName).join(', ')} · {formatDateTime(envelope.updatedAt)}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}
