import { Anchor, Button, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../api';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { navigate } from '../router';
import type { Template } from '../types';
import type { ConnectionsData } from '../hooks/useConnections';
import { ConnectionSelect } from './ConnectionSelect';
import { ErrorAlert } from './ErrorAlert';
import { DownloadIcon, UploadIcon } from './icons';

/** Said up front, as the server refuses past it (src/domain/templates.ts BULK_SEND_MAX_ROWS). */
const MAX_ROWS = 500;

/**
 * Bulk send: a CSV with a row per envelope, sent to POST …/bulk-sends; the bulk send's page follows
 * the job. The limits and the columns are said before the upload, with an example to start from.
 */
export function BulkSendForm({ template, connections }: { template: Template; connections: ConnectionsData }) {
  const { t } = useTranslation('templates');
  const form = useFormSubmit();
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    void form.run(async () => {
      const bulkSend = await api.POST('/api/v1/templates/{templateId}/bulk-sends', {
        params: { path: { templateId: template.id } },
        body: { csv: await file.text(), connectionId },
        idempotencyKey: newIdempotencyKey(),
      });
      navigate(`/templates/${template.id}/bulk-sends/${bulkSend.id}`);
    });
  };

  return (
    <form onSubmit={start} noValidate aria-label={t('bulkSendForm.label')}>
      <Stack gap="sm">
        <Text size="sm">{t('bulkSendForm.intro')}</Text>
        <List size="sm" c="dimmed" spacing={2}>
          <List.Item>{t('bulkSendForm.maxRows', { max: MAX_ROWS })}</List.Item>
          <List.Item className="break-anywhere">
            {t('bulkSendForm.perRole', { columns: template.roles.map((role) => `${role.key}.firstName, ${role.key}.lastName, ${role.key}.email`).join('; ') })}
          </List.Item>
          <List.Item>{t('bulkSendForm.optional')}</List.Item>
        </List>
        <ConnectionSelect
          connections={connections}
          label={t('bulkSendForm.sentThrough')}
          description={t('bulkSendForm.sentThroughDescription')}
          value={connectionId}
          onChange={setConnectionId}
        />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <FileInput
            label={t('bulkSendForm.csvFile')}
            placeholder={t('bulkSendForm.chooseFile')}
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            leftSection={<UploadIcon size={16} />}
            style={{ flex: '1 1 240px' }}
            clearable
          />
          <Button type="submit" disabled={!file} loading={form.submitting}>
            {t('bulkSendForm.submit')}
          </Button>
        </Group>
        <Anchor href={`/api/v1/templates/${template.id}/bulk-send.csv`} download size="sm">
          <Group gap={6} component="span">
            <DownloadIcon size={14} />
            {t('bulkSendForm.example')}
          </Group>
        </Anchor>
        {form.error !== undefined && <ErrorAlert error={form.error} title={t('bulkSendForm.nothingSent')} />}
        {form.error instanceof ApiError && form.error.errors.length > 1 && (
          <List size="sm" c="red" aria-label={t('bulkSendForm.everyProblem')}>
            {form.error.errors.map((problem) => (
              <List.Item key={problem.message} className="break-anywhere">
                {problem.message}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </form>
  );
}
