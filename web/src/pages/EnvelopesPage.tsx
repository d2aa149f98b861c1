import { Badge, Button, Card, CloseButton, Group, ScrollArea, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BulkEnvelopeActions } from '../components/BulkEnvelopeActions';
import { EnvelopeDashboard } from '../components/EnvelopeDashboard';
import { EnvelopesTable, type EnvelopeSortKey, type EnvelopeSorting } from '../components/EnvelopesTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { EnvelopeIcon, SearchIcon } from '../components/icons';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { PageHeader } from '../components/PageHeader';
import { UNMOUNTED_WHEN_CLOSED } from '../components/selectProps';
import { SyncProgressCard, SyncStatusesButton, useSyncStatuses } from '../components/SyncStatusesPanel';
import { formatDateTime, formatNumber } from '../format';
import { useApiData } from '../hooks/useApiData';
import { useCursorList } from '../hooks/useCursorList';
import { usePhone } from '../hooks/usePhone';
import { rememberEnvelopeList } from '../listReturn';
import { linkProps, replaceSearch, useLocationSearch } from '../router';
import { ENVELOPE_TABS, type EnvelopeTab } from '../status';

const SORT_KEYS: readonly EnvelopeSortKey[] = ['created', 'updated', 'title', 'status'];
/** The order a column sorts in when first chosen: dates newest first, words A to Z. */
const firstOrder = (sort: EnvelopeSortKey): 'asc' | 'desc' => (sort === 'created' || sort === 'updated' ? 'desc' : 'asc');
/** The phone's sort control: the columns' sorts as sentences (their words in envelopes.json, page.sort.choices). */
const SORT_CHOICES = [
  { value: 'created:desc', words: 'newest' },
  { value: 'created:asc', words: 'oldest' },
  { value: 'updated:desc', words: 'lastChanged' },
  { value: 'title:asc', words: 'titleAsc' },
  { value: 'title:desc', words: 'titleDesc' },
  { value: 'status:asc', words: 'status' },
] as const;

/**
 * What the list shows, as the URL's query keeps it (`?tab=completed&q=anna&sort=title&order=asc`), so
 * that a reload, a shared link and Back bring the same list. Unknown values fall back to the defaults.
 */
function readListState(search: string) {
  const params = new URLSearchParams(search);
  const tab = ENVELOPE_TABS.find((candidate) => candidate.value === params.get('tab')) ?? ENVELOPE_TABS[0];
  const sort = SORT_KEYS.find((key) => key === params.get('sort')) ?? 'created';
  const order = params.get('order') === 'asc' || params.get('order') === 'desc' ? (params.get('order') as 'asc' | 'desc') : sort === 'created' ? 'desc' : firstOrder(sort);
  const moment = (name: string) => {
    const value = params.get(name);
    return value && !Number.isNaN(Date.parse(value)) ? value : undefined;
  };
  return { tab, q: params.get('q') ?? '', sorting: { sort, order } as EnvelopeSorting, updatedSince: moment('updatedSince'), expiresBefore: moment('expiresBefore') };
}

/** Every envelope, in status tabs with counts, sortable, searchable, with an overview on top and bulk actions. */
export function EnvelopesPage() {
  const phone = usePhone();
  const { t } = useTranslation(['envelopes', 'common']);
  const locationSearch = useLocationSearch();
  const state = readListState(locationSearch);
  // The envelope page's "Back to list" returns to the list as it is now.
  useEffect(() => rememberEnvelopeList(`/envelopes${locationSearch}`), [locationSearch]);
  const { tab, sorting, updatedSince, expiresBefore } = state;
  const [search, setSearch] = useState(state.q);
  // Typing does not query on every key stroke.
  const [q] = useDebouncedValue(search.trim(), 300);
  const [refreshKey, setRefreshKey] = useState(0);

  const update = useCallback(
    (changes: Partial<{ tab: EnvelopeTab; q: string; sort: EnvelopeSortKey; order: 'asc' | 'desc'; updatedSince: string | undefined; expiresBefore: string | undefined }>) => {
      const current = readListState(window.location.search);
      const next = {
        tab: current.tab.value as string,
        q: current.q,
        sort: current.sorting.sort as string,
        order: current.sorting.order as string,
        updatedSince: current.updatedSince,
        expiresBefore: current.expiresBefore,
        ...changes,
      };
      replaceSearch({
        tab: next.tab === 'all' ? undefined : next.tab,
        q: next.q || undefined,
        // The default order is left out of the URL.
        sort: next.sort === 'created' && next.order === 'desc' ? undefined : next.sort,
        order: next.sort === 'created' && next.order === 'desc' ? undefined : next.order,
        updatedSince: next.updatedSince,
        expiresBefore: next.expiresBefore,
      });
    },
    [],
  );
  // The URL keeps what was typed at once, so that leaving within the debounce still comes Back to it.
  useEffect(() => update({ q: search.trim() }), [search, update]);

  const statuses = tab.statuses.length > 0 ? [...tab.statuses] : undefined;
  const filters = useMemo(
    () => ({ status: statuses, q: q || undefined, sort: sorting.sort, order: sorting.order, updatedSince, expiresBefore }),
    // The statuses are the tab's: a new array each render, compared through the tab.
    [tab.value, q, sorting.sort, sorting.order, updatedSince, expiresBefore],
  );
  const list = useCursorList('/api/v1/envelopes', filters);
  // The tabs count what the search and the date filters keep, so that they add up to what the list shows.
  const counts = useApiData('/api/v1/envelopes/counts', { params: { query: { updatedSince, expiresBefore, q: q || undefined } } });
  const refresh = useCallback(() => {
    void list.refresh();
    void counts.reload();
    setRefreshKey((key) => key + 1);
  }, [list.refresh, counts.reload]);
  const sync = useSyncStatuses(refresh);

  // The selection holds what is shown: a new filter starts it afresh.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const filtersKey = JSON.stringify(filters);
  useEffect(() => setSelected(new Set()), [filtersKey]);
  const selection = {
    selected,
    toggle: (id: string) =>
      setSelected((previous) => {
        const next = new Set(previous);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    toggleAll: () => setSelected((previous) => (list.items.every((envelope) => previous.has(envelope.id)) ? new Set() : new Set(list.items.map((envelope) => envelope.id)))),
  };
  const selectedEnvelopes = list.items.filter((envelope) => selected.has(envelope.id));

  const countOf = (statusesOfTab: readonly string[]) => {
    const byStatus = counts.data?.byStatus;
    if (!byStatus) return undefined;
    return statusesOfTab.length === 0 ? counts.data!.total : statusesOfTab.reduce((sum, status) => sum + byStatus[status as keyof typeof byStatus], 0);
  };
  const filtered = Boolean(statuses || q || updatedSince || expiresBefore);

  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={t('page.description')}
        actions={<SyncStatusesButton busy={sync.starting || sync.job !== null} onClick={() => void sync.start()} />}
      />
      <Stack gap="md">
        <EnvelopeDashboard refreshKey={refreshKey} />
        {sync.job && <SyncProgressCard job={sync.job} />}

        <Tabs value={tab.value} onChange={(value) => value && update({ tab: value as EnvelopeTab })} keepMounted={false}>
          <ScrollArea type="never" offsetScrollbars={false}>
            <Tabs.List style={{ flexWrap: 'nowrap' }} aria-label={t('page.tabsLabel')}>
              {ENVELOPE_TABS.map((candidate) => {
                const count = countOf(candidate.statuses);
                return (
                  <Tabs.Tab
                    key={candidate.value}
                    value={candidate.value}
                    rightSection={
                      count === undefined ? undefined : (
                        <Badge size="sm" variant={candidate.value === tab.value ? 'filled' : 'light'} color="gray" circle={count < 10}>
                          {formatNumber(count)}
                        </Badge>
                      )
                    }
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {candidate.label}
                  </Tabs.Tab>
                );
              })}
            </Tabs.List>
          </ScrollArea>
          {/* The search and the list are the chosen tab's panel: the tab names it, and its aria-controls points at it. */}
          <Tabs.Panel value={tab.value} pt="md">
            <Stack gap="md">
              <Group gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('page.search.label')}
                  placeholder={t('page.search.placeholder')}
                  leftSection={<SearchIcon size={16} />}
                  value={search}
                  onChange={(event) => setSearch(event.currentTarget.value)}
                  style={{ flex: '1 1 260px' }}
                  type="search"
                />
                {phone && (
                  <Select
                    label={t('page.sort.label')}
                    data={SORT_CHOICES.map((choice) => ({ value: choice.value, label: t(`page.sort.choices.${choice.words}`) }))}
                    value={`${sorting.sort}:${sorting.order}`}
                    onChange={(value) => {
                      const [sort, order] = (value ?? 'created:desc').split(':') as [EnvelopeSortKey, 'asc' | 'desc'];
                      update({ sort, order });
                    }}
                    allowDeselect={false}
                    comboboxProps={UNMOUNTED_WHEN_CLOSED}
                    w="100%"
                  />
                )}
              </Group>
              {(updatedSince || expiresBefore) && (
                <Group gap="xs">
                  {updatedSince && <FilterChip label={t('page.filters.changedSince', { moment: formatDateTime(updatedSince) })} onRemove={() => update({ updatedSince: undefined })} />}
                  {expiresBefore && <FilterChip label={t('page.filters.expiringBefore', { moment: formatDateTime(expiresBefore) })} onRemove={() => update({ expiresBefore: undefined })} />}
                </Group>
              )}

              {selected.size > 0 && <BulkEnvelopeActions selected={selectedEnvelopes} onClear={() => setSelected(new Set())} onFinished={refresh} />}

              {list.error !== undefined ? (
                <ErrorAlert error={list.error} title={t('page.loadError')} onRetry={() => void list.refresh()} />
              ) : list.loaded && list.items.length === 0 ? (
                <Card p="xl">
                  <Stack align="center" gap="xs" py="lg">
                    <EnvelopeIcon size={40} color="var(--mantine-color-gray-5)" />
                    <Text fw={600}>{filtered ? t('page.empty.noMatchTitle') : t('page.empty.noneTitle')}</Text>
                    <Text size="sm" c="dimmed" ta="center">
                      {filtered
                        ? t('page.empty.noMatchHint')
                        : t('page.empty.noneHint', { documents: t('common:layout.pages.documents'), createEnvelope: t('create.title') })}
                    </Text>
                    {!filtered && (
                      <Button variant="light" mt="xs" component="a" {...linkProps('/documents')}>
                        {t('page.empty.startFromDocument')}
                      </Button>
                    )}
                  </Stack>
                </Card>
              ) : (
                <Card p={0} style={{ opacity: list.loading && list.loaded ? 0.6 : 1, transition: 'opacity 120ms' }} aria-busy={list.loading}>
                  <EnvelopesTable
                    envelopes={list.items}
                    loading={list.loading}
                    sorting={sorting}
                    onSort={(sort) => update({ sort, order: sort === sorting.sort ? (sorting.order === 'asc' ? 'desc' : 'asc') : firstOrder(sort) })}
                    selection={selection}
                  />
                  <LoadMoreButton list={list} />
                </Card>
              )}
            </Stack>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}

/** A filter that came from the overview (a date), shown so it can be seen and taken off. */
function FilterChip({ label, onRemove }: { label: string; onRemove: () => void }) {
  const { t } = useTranslation('envelopes');
  return (
    <Badge size="lg" variant="light" radius="sm" pr={4} rightSection={<CloseButton size="xs" aria-label={t('page.filters.remove', { filter: label })} onClick={onRemove} />}>
      {label}
    </Badge>
  );
}
