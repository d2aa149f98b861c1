import { Anchor, Checkbox, Group, Skeleton, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatFullDateTime, fullName } from '../format';
import { usePhone } from '../hooks/usePhone';
import { linkProps } from '../router';
import { envelopeProgress } from '../status';
import type { EnvelopeSummary } from '../types';
import { ChevronDownIcon } from './icons';
import { StatusBadge } from './StatusBadge';

export type EnvelopeSortKey = 'created' | 'updated' | 'title' | 'status';
export interface EnvelopeSorting {
  sort: EnvelopeSortKey;
  order: 'asc' | 'desc';
}

export interface EnvelopeSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** Selects every envelope shown, or none when all are. */
  toggleAll: () => void;
}

/**
 * The envelopes of the list: a table with sortable columns and a box per row to act on several at
 * once; on a phone, one entry per envelope (sorting is then the page's own control).
 */
export function EnvelopesTable({
  envelopes,
  loading,
  sorting,
  onSort,
  selection,
}: {
  envelopes: EnvelopeSummary[];
  loading: boolean;
  sorting: EnvelopeSorting;
  onSort: (sort: EnvelopeSortKey) => void;
  selection: EnvelopeSelection;
}) {
  const phone = usePhone();
  const { t } = useTranslation('envelopes');
  if (phone) return <EnvelopeCards envelopes={envelopes} loading={loading} selection={selection} />;
  const allSelected = envelopes.length > 0 && envelopes.every((envelope) => selection.selected.has(envelope.id));
  const someSelected = envelopes.some((envelope) => selection.selected.has(envelope.id));
  const header = (key: EnvelopeSortKey) => <SortableHeader sortKey={key} label={t(`table.columns.${key}`)} sorting={sorting} onSort={onSort} />;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t('table.selectAll')}
                checked={allSelected}
                indeterminate={someSelected && !allSelected}
                onChange={selection.toggleAll}
                disabled={envelopes.length === 0}
              />
            </Table.Th>
            {header('title')}
            {header('status')}
            <Table.Th>{t('table.columns.progress')}</Table.Th>
            {header('created')}
            {header('updated')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading && envelopes.length === 0
            ? Array.from({ length: 5 }, (_, index) => (
                <Table.Tr key={index}>
                  {Array.from({ length: 6 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton height={14} radius="sm" />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : envelopes.map((envelope) => (
                <Table.Tr key={envelope.id} bg={selection.selected.has(envelope.id) ? 'var(--mantine-primary-color-light)' : undefined}>
                  <Table.Td>
                    <Checkbox aria-label={t('table.select', { title: envelope.title })} checked={selection.selected.has(envelope.id)} onChange={() => selection.toggle(envelope.id)} />
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Anchor {...linkProps(`/envelopes/${envelope.id}`)} className="table-link break-anywhere">
                      {envelope.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <StatusBadge status={envelope.status} />
                  </Table.Td>
                  <Table.Td maw={300}>
                    <Progress envelope={envelope} />
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

/** A column header that sorts by it: a first press sorts the way people expect of it, another turns it round. */
function SortableHeader({ sortKey, label, sorting, onSort }: { sortKey: EnvelopeSortKey; label: string; sorting: EnvelopeSorting; onSort: (sort: EnvelopeSortKey) => void }) {
  const { t } = useTranslation('envelopes');
  const active = sorting.sort === sortKey;
  return (
    <Table.Th aria-sort={active ? (sorting.order === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ whiteSpace: 'nowrap' }}>
      <UnstyledButton onClick={() => onSort(sortKey)} fw={700} fz="sm" aria-label={t(`table.sortBy.${sortKey}`)}>
        <Group gap={4} wrap="nowrap" component="span">
          {label}
          <ChevronDownIcon
            size={14}
            aria-hidden
            style={{ opacity: active ? 1 : 0.25, transform: active && sorting.order === 'asc' ? 'rotate(180deg)' : undefined }}
          />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** "1 of 2 signed — waiting on Anna", and everyone's name below (the search also finds them by it). */
function Progress({ envelope }: { envelope: EnvelopeSummary }): ReactNode {
  const { t } = useTranslation('envelopes');
  return (
    <Stack gap={0}>
      <Text size="sm">{envelopeProgress(envelope)}</Text>
      <Text size="xs" c="dimmed" truncate title={envelope.participants.map((participant) => `${fullName(participant)} <${participant.email}>`).join('\n')}>
        {envelope.participants.length === 0 ? t('table.noParticipants') : envelope.participants.map(fullName).join(', ')}
      </Text>
    </Stack>
  );
}

/** On a phone: a box, title and status on one line, the progress and when below. */
function EnvelopeCards({ envelopes, loading, selection }: { envelopes: EnvelopeSummary[]; loading: boolean; selection: EnvelopeSelection }) {
  const { t } = useTranslation('envelopes');
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
        <Group key={envelope.id} wrap="nowrap" align="flex-start" gap="sm" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Checkbox mt={2} aria-label={t('table.select', { title: envelope.title })} checked={selection.selected.has(envelope.id)} onChange={() => selection.toggle(envelope.id)} />
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
              <Anchor {...linkProps(`/envelopes/${envelope.id}`)} className="table-link break-anywhere">
                {envelope.title}
              </Anchor>
              <StatusBadge status={envelope.status} style={{ flexShrink: 0 }} />
            </Group>
            <Text size="xs" className="break-anywhere">
              {envelopeProgress(envelope)}
            </Text>
            <Text size="xs" c="dimmed" className="break-anywhere">
              {envelope.participants.length === 0 ? t('table.noParticipants') : envelope.participants.map(fullName).join(', ')} · {formatDateTime(envelope.updatedAt)}
            </Text>
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}
