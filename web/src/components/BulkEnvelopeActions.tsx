import { Anchor, Button, Group, Loader, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { BULK_WORDS, runBulkAction, type BulkAction, type BulkOutcome } from '../bulk';
import { plural } from '../format';
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
  const [asking, setAsking] = useState(false);
  const [running, setRunning] = useState<{ action: BulkAction; outcomes: BulkOutcome[]; finished: boolean } | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = async (action: BulkAction, reason: string | null = null) => {
    const envelopes = [...selected];
    const current = new AbortController();
    controller.current = current;
    setRunning({ action, outcomes: envelopes.map((envelope) => ({ ...envelope, state: 'working', message: 'Waiting its turn' })), finished: false });
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
      <Paper withBorder p="xs" radius="md" role="region" aria-label="Selected envelopes">
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {plural(count, 'envelope')} selected
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
                  {BULK_WORDS[action].verb}
                </Button>
              );
            })}
            <Button size="xs" variant="subtle" onClick={onClear}>
              Clear selection
            </Button>
          </Group>
        </Group>
      </Paper>

      <WithdrawDialog
        opened={asking}
        title={`Withdraw ${plural(count, 'envelope')}?`}
        text="The participants of each can no longer sign it, and this cannot be undone. An envelope that cannot be withdrawn says why in the results."
        onClose={() => setAsking(false)}
        onConfirm={async (reason) => {
          setAsking(false);
          void start('withdraw', reason);
        }}
      />

      <Modal
        opened={running !== null}
        onClose={close}
        title={running ? `${BULK_WORDS[running.action].verb} ${plural(running.outcomes.length, 'envelope')}` : ''}
        size="lg"
        fullScreen={phone}
      >
        {running && (
          <Stack gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {running.finished
                ? refused === 0
                  ? 'Done.'
                  : `Done: ${plural(refused, 'envelope')} could not be ${running.action === 'send' ? 'sent' : running.action === 'remind' ? 'reminded' : 'withdrawn'}; the reason is beside each.`
                : 'Working through them one by one…'}
            </Text>
            <Table verticalSpacing="xs" aria-label="Results">
              <Table.Tbody>
                {running.outcomes.map((outcome) => (
                  <Table.Tr key={outcome.id} data-state={outcome.state}>
                    <Table.Td w={28} style={{ verticalAlign: 'top' }}>
                      {outcome.state === 'working' ? (
                        <Loader size={14} aria-label="Working" />
                      ) : outcome.state === 'done' ? (
                        <CheckIcon size={16} color="var(--mantine-color-green-7)" aria-label="Done" />
                      ) : (
                        <AlertIcon size={16} color="var(--mantine-color-red-7)" aria-label="Refused" />
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
                {running.finished ? 'Done' : 'Close'}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
