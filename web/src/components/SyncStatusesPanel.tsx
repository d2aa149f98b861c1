import { Button, Card, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../api';
import { useJobPolling } from '../hooks/useJobPolling';
import type { Job, SyncProgress } from '../types';
import { RefreshIcon } from './icons';

/**
 * The guide's *Sync statuses*: starts the sync-all job, shows how far it is (checked of in flight),
 * then says what changed and lets the list refresh itself.
 */
export function useSyncStatuses(onSynced: () => void) {
  const { t } = useTranslation('envelope');
  const [starting, setStarting] = useState(false);
  const { job, follow } = useJobPolling<SyncProgress>(
    (finished) => {
      if (finished.state === 'dead') {
        notifications.show({ color: 'red', title: t('sync.failed'), message: finished.lastError ?? t('sync.stoppedWithError'), autoClose: false });
      } else {
        const result = finished.result ?? finished.progress;
        const errors = result?.errors ?? [];
        notifications.show({
          color: errors.length > 0 ? 'yellow' : 'green',
          title: t('sync.synced'),
          message: result ? describeResult(result, t) : t('sync.done'),
          autoClose: errors.length > 0 ? false : 6000,
        });
      }
      onSynced();
    },
    (error) => notifications.show({ color: 'red', title: t('sync.unknown'), message: describeError(error) }),
  );

  const start = async () => {
    setStarting(true);
    try {
      follow(await api.POST('/api/v1/envelopes/sync'));
    } catch (error) {
      notifications.show({ color: 'red', title: t('sync.notStarted'), message: describeError(error) });
    } finally {
      setStarting(false);
    }
  };

  return { job, starting, start };
}

export function SyncStatusesButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const { t } = useTranslation('envelope');
  return (
    // The label stays while it runs (a loading Button would hide it): the progress card says how far.
    <Button variant="default" leftSection={busy ? <Loader size={14} /> : <RefreshIcon size={16} />} onClick={onClick} disabled={busy}>
      {t('sync.button')}
    </Button>
  );
}

export function SyncProgressCard({ job }: { job: Job<SyncProgress> }) {
  const { t } = useTranslation('envelope');
  const progress = job.progress;
  // Envelopes beyond a connection's budget wait for the next sync: this one does not count them.
  const total = progress ? progress.inFlight - progress.deferred : 0;
  const checked = progress?.checked ?? 0;
  const value = total === 0 ? (progress ? 100 : 5) : Math.min(100, (checked / total) * 100);
  return (
    <Card p="md" aria-live="polite">
      <Stack gap={8}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {t('sync.running')}
          </Text>
          <Text size="sm" c="dimmed">
            {progress ? t('sync.checked', { checked, total }) : t('sync.starting')}
          </Text>
        </Group>
        <Progress value={value} animated striped aria-label={t('sync.progress')} />
      </Stack>
    </Card>
  );
}

/** "10 changed, 1 provider call" (and those left for the next sync, and the errors, which name the connection). */
function describeResult(result: SyncProgress, t: TFunction<'envelope'>): string {
  if (result.inFlight === 0 && result.errors.length === 0) return t('sync.nothing');
  const sentences = [t('sync.result', { changed: result.changed, calls: result.providerCalls, checked: result.checked })];
  if (result.deferred > 0) sentences.push(t('sync.deferred', { count: result.deferred }));
  if (result.errors.length > 0) sentences.push(t('sync.problems', { problems: result.errors.join('; ') }));
  return sentences.join(' ');
}
