import { Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../api';
import { ConfirmActionDialog } from './ConfirmActionDialog';

/**
 * Asks before withdrawing: the provider cancels the signing for everyone, and it cannot be undone.
 * Where the provider's only cancellation is deleting (`capabilities.withdrawDeletes`), it says so.
 */
export function WithdrawDialog({
  opened,
  deletesAt,
  title = 'Withdraw this envelope?',
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
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (opened) setReason('');
  }, [opened]);

  return (
    <ConfirmActionDialog
      opened={opened}
      title={title}
      text={text ?? (deletesAt ? withdrawDeletesText(deletesAt) : 'The participants can no longer sign it, and this cannot be undone.')}
      confirmLabel={deletesAt ? `Delete at ${deletesAt}` : 'Withdraw'}
      failureTitle="The envelope was not withdrawn"
      onClose={onClose}
      onConfirm={() => onConfirm(reason.trim() || null)}
    >
      {(error) => (
        <Textarea
          label="Reason (optional)"
          description="Kept in the envelope's history."
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
export function withdrawDeletesText(providerName: string): string {
  return `${providerName} has no withdrawal: this deletes the workflow at ${providerName}; signers' links stop working and its documents are gone there. The envelope is kept here as withdrawn.`;
}
