import { Anchor, Button, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../api';
import { useSchemaForm } from '../hooks/useSchemaForm';
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
 * The file is read when chosen, so that the server's rules (not empty, at most 512 KiB of text) are
 * checked at once, under the file's input, before anything is uploaded.
 */
export function BulkSendForm({ template, connections }: { template: Template; connections: ConnectionsData }) {
  const { t } = useTranslation('templates');
  const [file, setFile] = useState<File | null>(null);
  const { form, submit, submitting, refusal } = useSchemaForm({
    route: 'POST /api/v1/templates/{templateId}/bulk-sends',
    initialValues: { csv: '', connectionId: null as string | null },
    toBody: ({ csv, connectionId }) => ({ csv, connectionId }),
  });

  /** Choosing is the file input's "losing the focus": its text is checked as soon as it is read. */
  const choose = async (chosen: File | null) => {
    const csv = chosen ? await chosen.text() : '';
    setFile(chosen);
    form.setFieldValue('csv', csv);
    if (chosen) form.validateField('csv');
    else form.clearFieldError('csv');
  };

  return (
    <form
      onSubmit={submit(async (body) => {
        const bulkSend = await api.POST('/api/v1/templates/{templateId}/bulk-sends', { params: { path: { templateId: template.id } }, body, idempotencyKey: newIdempotencyKey() });
        navigate(`/templates/${template.id}/bulk-sends/${bulkSend.id}`);
      })}
      noValidate
      aria-label={t('bulkSendForm.label')}
    >
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
          value={form.values.connectionId}
          onChange={(connectionId) => form.setFieldValue('connectionId', connectionId)}
        />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <FileInput
            label={t('bulkSendForm.csvFile')}
            placeholder={t('bulkSendForm.chooseFile')}
            accept=".csv,text/csv"
            value={file}
            onChange={(chosen) => void choose(chosen)}
            error={form.errors.csv}
            leftSection={<UploadIcon size={16} />}
            style={{ flex: '1 1 240px' }}
            clearable
          />
          <Button type="submit" disabled={!file} loading={submitting}>
            {t('bulkSendForm.submit')}
          </Button>
        </Group>
        <Anchor href={`/api/v1/templates/${template.id}/bulk-send.csv`} download size="sm">
          <Group gap={6} component="span">
            <DownloadIcon size={14} />
            {t('bulkSendForm.example')}
          </Group>
        </Anchor>
        {refusal !== undefined && <ErrorAlert error={refusal} title={t('bulkSendForm.nothingSent')} />}
        {refusal instanceof ApiError && refusal.errors.length > 1 && (
          <List size="sm" c="red" aria-label={t('bulkSendForm.everyProblem')}>
            {refusal.errors.map((problem) => (
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
