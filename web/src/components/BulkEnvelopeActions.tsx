import { Anchor, Button, Group, Loader, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runBulkAction, type BulkAction, type BulkOutcome } from '../bulk';
import { usePhone } from '../hooks/usePhone';
import { linkProps } from '../router';
import { AlertIcon, BellIcon, CheckIcon, SendIcon, UndoIcon } from './icons';
import { WithdrawDialog } from './WithdrawDialog';

const ICONS = { send: SendIcon, remind: BellIcon, withdraw: UndoIcon } as const;

/**
 * The bar shown while envelopes are selected in the list: Send, Remind, Withdraw (which asks for one
 * reason for all), then a dialog with each envelope's result as the server answered it.
 */
export function BulkEnvelopeActions({
  selected,
  onClear,
  onFinished,
}: {
  selected: ReadonlyArray<{ id: string; title: string }>;
  onClear: () => void;
  /** The list and its counts read again once every result is in. */
  onFinished: () => void;
}) {
  const phone = usePhone();
  const { t } = useTranslation(['envelopes', 'common']);
  const [asking, setAsking] = useState(false);
  const [running, setRunning] = useState<{ action: BulkAction; outcomes: BulkOutcome[]; finished: boolean } | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = async (action: BulkAction, reason: string | null = null) => {
    const envelopes = [...selected];
    const current = new AbortController();
    controller.current = current;
    setRunning({ action, outcomes: envelopes.map((envelope) => ({ ...envelope, state: 'working', message: t('bulk.outcome.waitingTurn') })), finished: false });
    await runBulkAction(action, envelopes, {
      reason,
      signal: current.signal,
      onUpdate: (outcome) =>
        setRunning((previous) => previous && { ...previous, outcomes: previous.outcomes.map((row) => (row.id === outcome.id ? outcome : row)) }),
    });
    setRunning((previous) => previous && { ...previous, finished: true });
    onFinished();
  };

  const close = () => {
    controller.current?.abort();
    const finished = running?.finished;
    setRunning(null);
    if (finished) onClear();
  };

  const count = selected.length;
  const refused = running?.outcomes.filter((outcome) => outcome.state === 'refused').length ?? 0;
  return (
    <>
      <Paper withBorder p="xs" radius="md" role="region" aria-label={t('bulk.regionLabel')}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {t('bulk.selected', { count })}
          </Text>
          <Group gap="xs">
            {(['send', 'remind', 'withdraw'] as const).map((action) => {
              const Icon = ICONS[action];
              return (
                <Button
                  key={action}
                  size="xs"
                  variant={action === 'withdraw' ? 'light' : 'default'}
                  color={action === 'withdraw' ? 'red' : undefined}
                  leftSection={<Icon size={14} />}
                  onClick={() => (action === 'withdraw' ? setAsking(true) : void start(action))}
                >
                  {t(`bulk.actions.${action}`)}
                </Button>
              );
            })}
            <Button size="xs" variant="subtle" onClick={onClear}>
              {t('bulk.clearSelection')}
            </Button>
          </Group>
        </Group>
      </Paper>

      <WithdrawDialog
        opened={asking}
        title={t('bulk.withdrawDialog.title', { count })}
        text={t('bulk.withdrawDialog.text')}
        onClose={() => setAsking(false)}
        onConfirm={async (reason) => {
          setAsking(false);
          void start('withdraw', reason);
        }}
      />

      <Modal
        opened={running !== null}
        onClose={close}
        title={running ? t(`bulk.resultsTitle.${running.action}`, { count: running.outcomes.length }) : ''}
        size="lg"
        fullScreen={phone}
      >
        {running && (
          <Stack gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {running.finished
                ? refused === 0
                  ? t('bulk.progress.done')
                  : t(`bulk.progress.doneWithRefusals.${running.action}`, { count: refused })
                : t('bulk.progress.working')}
            </Text>
            <Table verticalSpacing="xs" aria-label={t('bulk.resultsLabel')}>
              <Table.Tbody>
                {running.outcomes.map((outcome) => (
                  <Table.Tr key={outcome.id} data-state={outcome.state}>
                    <Table.Td w={28} style={{ verticalAlign: 'top' }}>
                      {outcome.state === 'working' ? (
                        <Loader size={14} aria-label={t('bulk.rowState.working')} />
                      ) : outcome.state === 'done' ? (
                        <CheckIcon size={16} color="var(--mantine-color-green-7)" aria-label={t('bulk.rowState.done')} />
                      ) : (
                        <AlertIcon size={16} color="var(--mantine-color-red-7)" aria-label={t('bulk.rowState.refused')} />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor {...linkProps(`/envelopes/${outcome.id}`)} size="sm" fw={600} className="break-anywhere">
                        {outcome.title}
                      </Anchor>
                      <Text size="sm" c={outcome.state === 'refused' ? 'red.8' : 'dimmed'} className="break-anywhere">
                        {outcome.message}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="flex-end">
              <Button onClick={close} variant={running.finished ? 'filled' : 'default'}>
                {running.finished ? t('common:actions.done') : t('common:actions.close')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
