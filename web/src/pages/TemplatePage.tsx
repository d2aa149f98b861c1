import { Anchor, Button, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { BulkSendForm } from '../components/BulkSendForm';
import { EditTemplateDialog } from '../components/EditTemplateDialog';
import { ConfirmActionDialog } from '../components/ConfirmActionDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { FillTemplateForm } from '../components/FillTemplateForm';
import { BackLink } from '../components/BackLink';
import { PencilIcon, TrashIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { DocumentLink, TemplateRoles } from '../components/TemplateRoles';
import { formatDateTime } from '../format';
import { useApiData } from '../hooks/useApiData';
import { useConnections } from '../hooks/useConnections';
import { linkProps, navigate } from '../router';
import { useSession } from '../session';

/** A template: its roles and documents, an envelope made from it, a bulk send to a CSV, and the bulk sends made. */
export function TemplatePage({ id }: { id: string }) {
  const { can } = useSession();
  const { t } = useTranslation(['templates', 'common']);
  const canWrite = can('envelopes:write');
  const template = useApiData('/api/v1/templates/{templateId}', { params: { path: { templateId: id } } });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const connections = useConnections(canWrite);
  const back = <BackLink href="/templates">{t('common:layout.pages.templates')}</BackLink>;
  const data = template.data;
  if (!data) {
    return (
      <>
        {back}
        {template.error !== undefined ? <ErrorAlert error={template.error} title={t('templatePage.loadError')} onRetry={() => void template.reload()} /> : <Skeleton height={240} radius="lg" />}
      </>
    );
  }

  return (
    <>
      {back}
      <PageHeader
        title={data.name}
        description={
          data.expiryDays
            ? t('templatePage.summaryWithExpiry', { roles: data.roles.length, documents: data.documentIds.length, days: data.expiryDays })
            : t('templatePage.summary', { roles: data.roles.length, documents: data.documentIds.length })
        }
        actions={
          canWrite && (
            <>
              <Button variant="default" leftSection={<PencilIcon size={16} />} onClick={() => setEditing(true)}>
                {t('common:actions.edit')}
              </Button>
              <Button variant="subtle" color="red" leftSection={<TrashIcon size={16} />} onClick={() => setDeleting(true)}>
                {t('common:actions.delete')}
              </Button>
            </>
          )
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Card>
              <Title order={2} fz="lg" mb="sm">
                {t('templatePage.roles')}
              </Title>
              <TemplateRoles roles={data.roles} />
            </Card>
            <Card>
              <Title order={2} fz="lg" mb="sm">
                {t('templatePage.documents')}
              </Title>
              <Stack gap={4}>
                {data.documentIds.map((documentId) => (
                  <DocumentLink key={documentId} documentId={documentId} />
                ))}
              </Stack>
              {data.message && (
                <Text size="sm" c="dimmed" mt="sm" className="break-anywhere">
                  {t('templatePage.message', { message: data.message })}
                </Text>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {canWrite && (
              <Card>
                <Title order={2} fz="lg" mb="sm">
                  {t('templatePage.createEnvelope')}
                </Title>
                <FillTemplateForm template={data} connections={connections} />
              </Card>
            )}
            {canWrite && (
              <Card>
                <Title order={2} fz="lg" mb="sm">
                  {t('templatePage.bulkSend')}
                </Title>
                <BulkSendForm template={data} connections={connections} />
              </Card>
            )}
            <BulkSendHistory templateId={data.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      <EditTemplateDialog template={data} opened={editing} onClose={() => setEditing(false)} onSaved={(updated) => { template.set(updated); setEditing(false); }} />
      <ConfirmActionDialog
        opened={deleting}
        title={t('templatePage.deleteTitle')}
        text={t('templatePage.deleteText')}
        confirmLabel={t('templatePage.deleteConfirm')}
        failureTitle={t('templatePage.deleteFailed')}
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api.DELETE('/api/v1/templates/{templateId}', { params: { path: { templateId: data.id } } });
          notifications.show({ color: 'green', title: t('templatePage.deleted'), message: data.name });
          navigate('/templates');
        }}
      />
    </>
  );
}

function BulkSendHistory({ templateId }: { templateId: string }) {
  const { t } = useTranslation('templates');
  const bulkSends = useApiData('/api/v1/templates/{templateId}/bulk-sends', { params: { path: { templateId } } });
  const list = bulkSends.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <Card>
      <Title order={2} fz="lg" mb="sm">
        {t('templatePage.bulkSends')}
      </Title>
      <Stack gap={6}>
        {list.map((bulkSend) => (
          <Group key={bulkSend.id} justify="space-between" gap="xs" wrap="wrap">
            <Anchor {...linkProps(`/templates/${templateId}/bulk-sends/${bulkSend.id}`)} size="sm">
              {formatDateTime(bulkSend.createdAt)}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t(bulkSend.status === 'running' ? 'templatePage.bulkSendCountsRunning' : 'templatePage.bulkSendCounts', {
                rows: bulkSend.rowCount,
                sent: bulkSend.counts.sent,
                failed: bulkSend.counts.failed,
              })}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
