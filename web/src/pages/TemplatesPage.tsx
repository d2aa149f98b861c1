import { Anchor, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../format';
import { useApiData } from '../hooks/useApiData';
import { linkProps } from '../router';

/** The templates, by name: each opens its page, where envelopes are made from it one by one or from a CSV. */
export function TemplatesPage() {
  const templates = useApiData('/api/v1/templates');
  const list = templates.data?.data;
  return (
    <>
      <PageHeader title="Templates" description="Envelopes to send again and again: documents, roles to fill and signature fields, kept from an envelope." />
      <Stack gap="sm">
        {templates.error !== undefined && <ErrorAlert error={templates.error} title="Could not load the templates" onRetry={() => void templates.reload()} />}
        {!list && templates.loading && Array.from({ length: 3 }, (_, index) => <Skeleton key={index} height={72} radius="lg" />)}
        {list?.length === 0 && (
          <Card>
            <Text fw={600}>No templates yet</Text>
            <Text size="sm" c="dimmed">
              Open an envelope and choose <b>Save as template</b>: its documents, its participants as roles and their fields are kept, without the people.
            </Text>
          </Card>
        )}
        {list?.map((template) => (
          <Card key={template.id} component="article" aria-label={template.name}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Anchor {...linkProps(`/templates/${template.id}`)} fw={600} className="break-anywhere">
                {template.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                Changed {formatDateTime(template.updatedAt)}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" className="break-anywhere">
              {template.roles.map((role) => role.label).join(', ')} · {template.documentIds.length} document{template.documentIds.length === 1 ? '' : 's'}
            </Text>
          </Card>
        ))}
      </Stack>
    </>
  );
}
