import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../api';
import { ErrorAlert } from './ErrorAlert';

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
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (opened) {
      setReason('');
      setError(undefined);
      setWorking(false);
    }
  }, [opened]);

  const confirm = async () => {
    setWorking(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim() || null);
    } catch (caught) {
      setError(caught);
      setWorking(false);
    }
  };
  const reasonError = error instanceof ApiError ? error.fieldErrors().reason : undefined;

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">Withdraw this envelope?</Text>}>
      <Stack>
        <Text size="sm">The participants can no longer sign it, and this cannot be undone.</Text>
        <Textarea
          label="Reason (optional)"
          description="Kept in the envelope's history."
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={reasonError}
          data-autofocus
        />
        {error !== undefined && <ErrorAlert error={error} title="The envelope was not withdrawn" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={working}>
            Withdraw
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
