import { Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { EnvelopesTable } from '../components/EnvelopesTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { EnvelopeIcon, SearchIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { UNMOUNTED_WHEN_CLOSED } from '../components/selectProps';
import { SyncProgressCard, SyncStatusesButton, useSyncStatuses } from '../components/SyncStatusesPanel';
import { useCursorList } from '../hooks/useCursorList';
import { linkProps } from '../router';
import { ENVELOPE_STATUS_LOOK } from '../status';
import { ENVELOPE_STATUSES, type EnvelopeStatus } from '../types';

const STATUS_OPTIONS = [{ value: '', label: 'All statuses' }, ...ENVELOPE_STATUSES.map((status) => ({ value: status, label: ENVELOPE_STATUS_LOOK[status].label }))];

/** Every envelope, newest first, with a status filter, search, cursor paging and *Sync statuses*. */
export function EnvelopesPage() {
  const [status, setStatus] = useState<EnvelopeStatus | ''>('');
  const [search, setSearch] = useState('');
  // Typing does not query on every key stroke.
  const [q] = useDebouncedValue(search.trim(), 300);
  const filters = useMemo(() => ({ status: status || undefined, q: q || undefined }), [status, q]);
  const list = useCursorList('/api/v1/envelopes', filters);
  const sync = useSyncStatuses(() => void list.refresh());
  const filtered = Boolean(status || q);

  return (
    <>
      <PageHeader
        title="Envelopes"
        description="Follow every envelope sent for signature. Statuses also update by themselves as the provider reports them."
        actions={<SyncStatusesButton busy={sync.starting || sync.job !== null} onClick={() => void sync.start()} />}
      />
      <Stack gap="md">
        {sync.job && <SyncProgressCard job={sync.job} />}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Search"
            placeholder="Title, participant name or email"
            leftSection={<SearchIcon size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
            type="search"
          />
          <Select
            label="Status"
            data={STATUS_OPTIONS}
            value={status}
            onChange={(value) => setStatus(ENVELOPE_STATUSES.find((known) => known === value) ?? '')}
            allowDeselect={false}
            comboboxProps={UNMOUNTED_WHEN_CLOSED}
            w={{ base: '100%', xs: 200 }}
          />
        </Group>

        {list.error !== undefined ? (
          <ErrorAlert error={list.error} title="The envelopes could not be loaded" onRetry={() => void list.refresh()} />
        ) : list.loaded && list.items.length === 0 ? (
          <Card p="xl">
            <Stack align="center" gap="xs" py="lg">
              <EnvelopeIcon size={40} color="var(--mantine-color-gray-5)" />
              <Text fw={600}>{filtered ? 'No envelope matches' : 'No envelopes yet'}</Text>
              <Text size="sm" c="dimmed" ta="center">
                {filtered ? 'Try another status or search.' : 'Create one from a document: Documents → Create envelope.'}
              </Text>
              {!filtered && (
                <Button variant="light" mt="xs" component="a" {...linkProps('/documents')}>
                  Start from a document
                </Button>
              )}
            </Stack>
          </Card>
        ) : (
          <Card p={0} style={{ opacity: list.loading && list.loaded ? 0.6 : 1, transition: 'opacity 120ms' }} aria-busy={list.loading}>
            <EnvelopesTable envelopes={list.items} loading={list.loading} />
            {list.hasMore && (
              <Group justify="center" p="md">
                <Button variant="default" onClick={() => void list.loadMore()} loading={list.loadingMore}>
                  Load more
                </Button>
              </Group>
            )}
          </Card>
        )}
      </Stack>
    </>
  );
}
