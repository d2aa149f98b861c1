import { Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ConfirmActionDialog } from './ConfirmActionDialog';

/**
 * Asks before withdrawing: the provider cancels the signing for everyone, and it cannot be undone.
 * Where the provider's only cancellation is deleting (`capabilities.withdrawDeletes`), it says so.
 */
export function WithdrawDialog({
  opened,
  deletesAt,
  title,
  text,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  /** Several at once (the list's bulk withdrawal): one question, one reason for all. */
  title?: string;
  text?: string;
  /** The provider's name when withdrawing deletes the envelope there (ConsignO Cloud). */
  deletesAt?: string;
  onClose: () => void;
  onConfirm: (reason: string | null) => Promise<void>;
}) {
  const { t } = useTranslation('envelope');
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (opened) setReason('');
  }, [opened]);

  return (
    <ConfirmActionDialog
      opened={opened}
      title={title ?? t('withdraw.title')}
      text={text ?? (deletesAt ? withdrawDeletesText(deletesAt, t) : t('withdraw.text'))}
      confirmLabel={deletesAt ? t('withdraw.deleteAt', { provider: deletesAt }) : t('withdraw.confirm')}
      failureTitle={t('withdraw.failure')}
      onClose={onClose}
      onConfirm={() => onConfirm(reason.trim() || null)}
    >
      {(error) => (
        <Textarea
          label={t('withdraw.reason')}
          description={t('withdraw.reasonDescription')}
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={error instanceof ApiError ? error.fieldErrors().reason : undefined}
          data-autofocus
        />
      )}
    </ConfirmActionDialog>
  );
}

/** The same words as the CLI's (src/cli/withdraw-warning.ts). */
export function withdrawDeletesText(providerName: string, t: TFunction<'envelope'>): string {
  return t('withdraw.deletesText', { provider: providerName });
}
