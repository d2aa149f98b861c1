import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api';
import { AlertIcon } from './icons';

/** A refusal or failure in the server's own words (the problem's `detail`), with a retry when one helps. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} icon={<AlertIcon />} role="alert">
      <Text size="sm" className="break-anywhere">
        {describeError(error)}
      </Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('actions.tryAgain')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
