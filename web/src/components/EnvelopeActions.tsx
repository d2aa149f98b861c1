import { Group } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { capabilityBlockedReason, deleteBlockedReason, sendBlockedReason, sentOnlyReason, syncBlockedReason, type ProviderAction } from '../status';
import type { Envelope, ProviderEntry } from '../types';
import { GuardedButton } from './GuardedButton';
import { BellIcon, CopyIcon, RefreshIcon, SendIcon, TrashIcon, UndoIcon } from './icons';

export type EnvelopeAction = 'send' | 'sync' | 'clone' | ProviderAction;

/** After these, the copy is how the envelope is sent again: "Correct and resend". Otherwise a plain "Duplicate". */
const ENDED_UNSENT: ReadonlySet<Envelope['status']> = new Set(['rejected', 'withdrawn', 'failed']);

export function cloneLabel(status: Envelope['status'], t: TFunction<'envelope'>): string {
  return ENDED_UNSENT.has(status) ? t('actions.correctAndResend') : t('actions.duplicate');
}

/**
 * The envelope's buttons; the ones its status or its provider does not allow stay visible, greyed
 * out, saying why (the provider's reasons come from its capabilities in GET /api/v1/providers).
 */
export function EnvelopeActions({
  envelope,
  provider,
  busy,
  canWrite = true,
  onAction,
}: {
  envelope: Envelope;
  /** The envelope's provider as GET /api/v1/providers describes it; undefined while unknown. */
  provider?: ProviderEntry;
  busy: EnvelopeAction | null;
  /** Whether the person may create envelopes (a copy is one). */
  canWrite?: boolean;
  onAction: (action: EnvelopeAction) => void;
}) {
  const { t } = useTranslation(['envelope', 'common']);
  const { status, providerReference } = envelope;
  const sending = status === 'sending';
  const atProvider = (action: Exclude<ProviderAction, 'delete'>) => sentOnlyReason(status, action) ?? capabilityBlockedReason(provider, action);
  return (
    <Group gap="sm" wrap="wrap">
      <GuardedButton
        blockedReason={envelope.sendDecision ? t('actions.decideFirst') : sendBlockedReason(status)}
        leftSection={<SendIcon size={16} />}
        loading={busy === 'send' || sending}
        onClick={() => onAction('send')}
      >
        {t('actions.send')}
      </GuardedButton>
      <GuardedButton
        variant="default"
        blockedReason={syncBlockedReason(status, providerReference)}
        leftSection={<RefreshIcon size={16} />}
        loading={busy === 'sync'}
        onClick={() => onAction('sync')}
      >
        {t('actions.sync')}
      </GuardedButton>
      <GuardedButton
        variant="default"
        blockedReason={atProvider('remind')}
        leftSection={<BellIcon size={16} />}
        loading={busy === 'remind'}
        onClick={() => onAction('remind')}
      >
        {t('actions.remind')}
      </GuardedButton>
      <GuardedButton variant="default" blockedReason={atProvider('extend-expiry')} loading={busy === 'extend-expiry'} onClick={() => onAction('extend-expiry')}>
        {t('actions.extendExpiry')}
      </GuardedButton>
      <GuardedButton variant="default" blockedReason={atProvider('skip-pending')} loading={busy === 'skip-pending'} onClick={() => onAction('skip-pending')}>
        {t('actions.skipPending')}
      </GuardedButton>
      <GuardedButton
        variant="outline"
        color="red"
        blockedReason={atProvider('withdraw')}
        leftSection={<UndoIcon size={16} />}
        loading={busy === 'withdraw'}
        onClick={() => onAction('withdraw')}
      >
        {t('actions.withdraw')}
      </GuardedButton>
      {canWrite && (
        <GuardedButton variant="default" blockedReason={null} leftSection={<CopyIcon size={16} />} loading={busy === 'clone'} onClick={() => onAction('clone')}>
          {cloneLabel(status, t)}
        </GuardedButton>
      )}
      <GuardedButton
        variant="subtle"
        color="red"
        blockedReason={deleteBlockedReason(status, provider)}
        leftSection={<TrashIcon size={16} />}
        loading={busy === 'delete'}
        onClick={() => onAction('delete')}
      >
        {t('common:actions.delete')}
      </GuardedButton>
    </Group>
  );
}
