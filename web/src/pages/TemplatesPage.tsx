import { Anchor, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../format';
import { useApiData } from '../hooks/useApiData';
import { linkProps } from '../router';

/** The templates, by name: each opens its page, where envelopes are made from it one by one or from a CSV. */
export function TemplatesPage() {
  const { t } = useTranslation('templates');
  const templates = useApiData('/api/v1/templates');
  const list = templates.data?.data;
  return (
    <>
      <PageHeader title={t('templatesPage.title')} description={t('templatesPage.description')} />
      <Stack gap="sm">
        {templates.error !== undefined && <ErrorAlert error={templates.error} title={t('templatesPage.loadError')} onRetry={() => void templates.reload()} />}
        {!list && templates.loading && Array.from({ length: 3 }, (_, index) => <Skeleton key={index} height={72} radius="lg" />)}
        {list?.length === 0 && (
          <Card>
            <Text fw={600}>{t('templatesPage.empty')}</Text>
            <Text size="sm" c="dimmed">
              <Trans t={t} i18nKey="templatesPage.emptyText" components={{ b: <b /> }} />
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
                {t('templatesPage.changed', { date: formatDateTime(template.updatedAt) })}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" className="break-anywhere">
              {t('templatesPage.summary', { roles: template.roles.map((role) => role.label).join(', '), count: template.documentIds.length })}
            </Text>
          </Card>
        ))}
      </Stack>
    </>
  );
}
