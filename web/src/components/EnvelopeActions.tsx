import { Group } from '@mantine/core';
import { sendBlockedReason, sentOnlyReason, syncBlockedReason } from '../status';
import type { Envelope } from '../types';
import { GuardedButton } from './GuardedButton';
import { BellIcon, RefreshIcon, SendIcon, UndoIcon } from './icons';

export type EnvelopeAction = 'send' | 'sync' | 'remind' | 'withdraw';

/** The envelope's buttons; the ones its status does not allow stay visible, greyed out, saying why. */
export function EnvelopeActions({
  envelope,
  busy,
  onAction,
}: {
  envelope: Envelope;
  busy: EnvelopeAction | null;
  onAction: (action: EnvelopeAction) => void;
}) {
  const { status, providerReference } = envelope;
  const sending = status === 'sending';
  return (
    <Group gap="sm" wrap="wrap">
      <GuardedButton
        blockedReason={sendBlockedReason(status)}
        leftSection={<SendIcon size={16} />}
        loading={busy === 'send' || sending}
        onClick={() => onAction('send')}
      >
        Send to participants
      </GuardedButton>
      <GuardedButton
        variant="default"
        blockedReason={syncBlockedReason(status, providerReference)}
        leftSection={<RefreshIcon size={16} />}
        loading={busy === 'sync'}
        onClick={() => onAction('sync')}
      >
        Sync
      </GuardedButton>
      <GuardedButton
        variant="default"
        blockedReason={sentOnlyReason(status, 'remind')}
        leftSection={<BellIcon size={16} />}
        loading={busy === 'remind'}
        onClick={() => onAction('remind')}
      >
        Remind
      </GuardedButton>
      <GuardedButton
        variant="outline"
        color="red"
        blockedReason={sentOnlyReason(status, 'withdraw')}
        leftSection={<UndoIcon size={16} />}
        onClick={() => onAction('withdraw')}
      >
        Withdraw
      </GuardedButton>
    </Group>
  );
}
