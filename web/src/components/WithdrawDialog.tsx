import { Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../api';
import { ConfirmActionDialog } from './ConfirmActionDialog';

/** Asks before withdrawing: the provider cancels the signing for everyone, and it cannot be undone. */
export function WithdrawDialog({
  opened,
  onClose,
  onConfirm,
}: {
  opened: boolean;
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
      title="Withdraw this envelope?"
      text="The participants can no longer sign it, and this cannot be undone."
      confirmLabel="Withdraw"
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
