import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/**
 * Asks before an action on an envelope that cannot be undone (delete, skip the pending
 * participants, a new expiry). The server's refusal shows in the dialog, which stays open.
 */
export function ConfirmActionDialog({
  opened,
  title,
  text,
  confirmLabel,
  failureTitle,
  color = 'red',
  children,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  text: ReactNode;
  confirmLabel: string;
  failureTitle: string;
  color?: string;
  /** Inputs the action needs, shown between the text and the buttons; a function gets the last refusal, to mark its fields. */
  children?: ReactNode | ((error: unknown) => ReactNode);
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (opened) {
      setError(undefined);
      setWorking(false);
    }
  }, [opened]);

  const confirm = async () => {
    setWorking(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (caught) {
      setError(caught);
      setWorking(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} fz="lg">{title}</Text>}>
      <Stack>
        <Text size="sm">{text}</Text>
        {typeof children === 'function' ? children(error) : children}
        {error !== undefined && <ErrorAlert error={error} title={failureTitle} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color={color} onClick={() => void confirm()} loading={working}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
