import { Anchor, Button, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
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
    <form onSubmit={start} noValidate aria-label="Bulk send">
      <Stack gap="sm">
        <Text size="sm">One envelope per row of a CSV file, each created and sent on its own: a row that is refused fails alone, with the reason.</Text>
        <List size="sm" c="dimmed" spacing={2}>
          <List.Item>At most {MAX_ROWS} rows, with a header row naming the columns.</List.Item>
          <List.Item className="break-anywhere">
            Per role: {template.roles.map((role) => `${role.key}.firstName, ${role.key}.lastName, ${role.key}.email`).join('; ')} — and a phone or secret answer where the
            role’s identity check needs one.
          </List.Item>
          <List.Item>Optional: title and externalRef, per row.</List.Item>
        </List>
        <ConnectionSelect
          connections={connections}
          label="Sent through"
          description="The provider account every row’s envelope goes to."
          value={connectionId}
          onChange={setConnectionId}
        />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <FileInput
            label="CSV file"
            placeholder="Choose a .csv file"
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            leftSection={<UploadIcon size={16} />}
            style={{ flex: '1 1 240px' }}
            clearable
          />
          <Button type="submit" disabled={!file} loading={form.submitting}>
            Send to each row
          </Button>
        </Group>
        <Anchor href={`/api/v1/templates/${template.id}/bulk-send.csv`} download size="sm">
          <Group gap={6} component="span">
            <DownloadIcon size={14} />
            Download an example CSV
          </Group>
        </Anchor>
        {form.error !== undefined && <ErrorAlert error={form.error} title="Nothing was sent" />}
        {form.error instanceof ApiError && form.error.errors.length > 1 && (
          <List size="sm" c="red" aria-label="Every problem found">
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
