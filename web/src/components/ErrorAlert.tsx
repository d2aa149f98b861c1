import { Alert, Button, Group, Text } from '@mantine/core';
import { describeError } from '../api';
import { AlertIcon } from './icons';

/** A refusal or failure in the server's own words (the problem's `detail`), with a retry when one helps. */
export function ErrorAlert({ error, title = 'Something went wrong', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <Alert color="red" variant="light" title={title} icon={<AlertIcon />} role="alert">
      <Text size="sm" className="break-anywhere">
        {describeError(error)}
      </Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      )}
    </Alert>
  );
}
