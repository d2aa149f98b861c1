import { Button, Card, Stack, Text } from '@mantine/core';
import { PageHeader } from '../components/PageHeader';
import { linkProps } from '../router';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Card>
        <Stack align="flex-start">
          <Text>There is no page at {window.location.pathname}.</Text>
          <Button component="a" {...linkProps('/documents')}>
            Start from the beginning
          </Button>
        </Stack>
      </Card>
    </>
  );
}
