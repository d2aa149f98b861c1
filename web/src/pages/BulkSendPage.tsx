import { Anchor, Badge, Card, Group, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { BackLink } from '../components/BackLink';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../format';
import { useApiData } from '../hooks/useApiData';
import { useRefreshWhile } from '../hooks/useRefreshWhile';
import { linkProps } from '../router';
import type { BulkSendRow, TemplateRole } from '../types';

/** A row's badge colour; its word is `bulkSendPage.rowStatus.<status>` in the templates catalog. */
const ROW_COLOR: Record<BulkSendRow['status'], string> = { pending: 'gray', created: 'blue', sent: 'green', failed: 'red' };

/** A bulk send as it goes: a progress bar over the rows done, then each row's envelope or the reason it failed. */
export function BulkSendPage({ templateId, id }: { templateId: string; id: string }) {
  const { t } = useTranslation('templates');
  const bulkSend = useApiData('/api/v1/templates/{templateId}/bulk-sends/{bulkSendId}', { params: { path: { templateId, bulkSendId: id } } });
  const template = useApiData('/api/v1/templates/{templateId}', { params: { path: { templateId } } });
  const data = bulkSend.data;
  useRefreshWhile(data?.status === 'running', bulkSend.reload, 1000);
  const back = <BackLink href={`/templates/${templateId}`}>{template.data?.name ?? t('bulkSendPage.template')}</BackLink>;
  if (!data) {
    return (
      <>
        {back}
        {bulkSend.error !== undefined ? <ErrorAlert error={bulkSend.error} title={t('bulkSendPage.loadError')} onRetry={() => void bulkSend.reload()} /> : <Skeleton height={200} radius="lg" />}
      </>
    );
  }
  const done = data.counts.sent + data.counts.failed;
  const percent = data.rowCount === 0 ? 100 : Math.round((done / data.rowCount) * 100);

  return (
    <>
      {back}
      <PageHeader title={t('bulkSendPage.title')} description={t('bulkSendPage.description', { rows: data.rowCount, date: formatDateTime(data.createdAt) })} />
      <Stack gap="lg">
        <Card>
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Text fw={600}>{data.status === 'running' ? t('bulkSendPage.sending') : t('bulkSendPage.done')}</Text>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('bulkSendPage.progress', { done, total: data.rowCount, sent: data.counts.sent, failed: data.counts.failed })}
            </Text>
          </Group>
          <Progress value={percent} size="lg" aria-label={t('bulkSendPage.progressLabel', { done, total: data.rowCount })} color={data.counts.failed > 0 ? 'orange' : 'green'} animated={data.status === 'running'} />
        </Card>
        {bulkSend.error !== undefined && <ErrorAlert error={bulkSend.error} title={t('bulkSendPage.refreshError')} onRetry={() => void bulkSend.reload()} />}
        <Card>
          <Title order={2} fz="lg" mb="sm">
            {t('bulkSendPage.rows')}
          </Title>
          <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {(data.rows ?? []).map((row) => (
              <li key={row.row} aria-label={t('bulkSendPage.row', { row: row.row })}>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {t('bulkSendPage.row', { row: row.row })}
                  </Text>
                  <Badge color={ROW_COLOR[row.status]}>{t(`bulkSendPage.rowStatus.${row.status}`)}</Badge>
                  <Text size="sm" c="dimmed" className="break-anywhere">
                    {whoOf(row, template.data?.roles ?? [])}
                  </Text>
                </Group>
                {row.envelopeId && (
                  <Anchor {...linkProps(`/envelopes/${row.envelopeId}`)} size="sm">
                    {t('bulkSendPage.openEnvelope')}
                  </Anchor>
                )}
                {row.detail && (
                  <Text size="sm" c="red" className="break-anywhere">
                    {row.detail}
                  </Text>
                )}
              </li>
            ))}
          </Stack>
        </Card>
      </Stack>
    </>
  );
}

/** The row's people as "Anna Nowak <anna@…>, …", from its cells. */
function whoOf(row: BulkSendRow, roles: TemplateRole[]): string {
  return roles
    .map((role) => {
      const name = [row.cells[`${role.key}.firstName`], row.cells[`${role.key}.lastName`]].filter(Boolean).join(' ');
      const email = row.cells[`${role.key}.email`];
      return email ? `${name} <${email}>`.trim() : name;
    })
    .filter(Boolean)
    .join(', ');
}
