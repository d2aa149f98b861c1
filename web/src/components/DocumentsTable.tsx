import { ActionIcon, Anchor, Button, Group, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDateTime, formatFullDateTime, formatMediaType } from '../format';
import { usePhone } from '../hooks/usePhone';
import { linkProps } from '../router';
import type { DocumentRecord } from '../types';
import { EnvelopeIcon, TrashIcon } from './icons';

/** Name, Type, Size, Uploaded, and the guide's *Create envelope* per document; *Delete* for those who may. */
export function DocumentsTable({
  documents,
  loading,
  onCreateEnvelope,
  onDelete,
}: {
  documents: DocumentRecord[];
  loading: boolean;
  onCreateEnvelope: (document: DocumentRecord) => void;
  /** Absent: the person may not delete documents. */
  onDelete?: (document: DocumentRecord) => void;
}) {
  const phone = usePhone();
  const { t } = useTranslation('documents');
  if (phone) return <DocumentCards documents={documents} loading={loading} onCreateEnvelope={onCreateEnvelope} onDelete={onDelete} />;
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('documentsTable.name')}</Table.Th>
            <Table.Th>{t('documentsTable.type')}</Table.Th>
            <Table.Th>{t('documentsTable.size')}</Table.Th>
            <Table.Th>{t('documentsTable.uploaded')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('documentsTable.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading && documents.length === 0
            ? Array.from({ length: 4 }, (_, index) => (
                <Table.Tr key={index}>
                  {Array.from({ length: 5 }, (_, cell) => (
                    <Table.Td key={cell}>
                      <Skeleton height={14} radius="sm" />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : documents.map((document) => (
                <Table.Tr key={document.id}>
                  <Table.Td maw={360}>
                    <Anchor href={`/api/v1/documents/${document.id}/content`} target="_blank" rel="noreferrer" className="table-link break-anywhere">
                      {document.filename}
                    </Anchor>
                    <DocumentWarnings document={document} />
                    <DocumentRendition document={document} />
                  </Table.Td>
                  <Table.Td>{describeType(document, t)}</Table.Td>
                  <Table.Td>{formatBytes(document.size)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatFullDateTime(document.createdAt)}>
                      {formatDateTime(document.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <PreviewButton document={document} />
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<EnvelopeIcon size={14} />}
                        onClick={() => onCreateEnvelope(document)}
                      >
                        {t('documentsTable.createEnvelope')}
                      </Button>
                      {onDelete && <DeleteDocumentButton document={document} onDelete={onDelete} />}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The in-app preview (web/src/pages/DocumentPreviewPage.tsx) of a PDF; an office document's is its rendition's "PDF preview". */
function PreviewButton({ document }: { document: DocumentRecord }) {
  const { t } = useTranslation('documents');
  if (document.mediaType !== 'application/pdf') return null;
  return (
    <Button component="a" {...linkProps(`/documents/${document.id}`)} size="xs" variant="subtle" aria-label={t('documentsTable.previewOf', { filename: document.filename })}>
      {t('documentsTable.preview')}
    </Button>
  );
}

function DeleteDocumentButton({ document, onDelete }: { document: DocumentRecord; onDelete: (document: DocumentRecord) => void }) {
  const { t } = useTranslation('documents');
  const label = t('documentsTable.deleteOf', { filename: document.filename });
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="red" aria-label={label} onClick={() => onDelete(document)}>
        <TrashIcon size={16} />
      </ActionIcon>
    </Tooltip>
  );
}

/** `PDF · 3 pages` when the upload check counted them. */
function describeType(document: DocumentRecord, t: TFunction<'documents'>): string {
  const type = formatMediaType(document.mediaType);
  if (!document.pageCount) return type;
  return t('documentsTable.typeWithPages', { type, count: document.pageCount });
}

/** What the upload check flagged (JavaScript, launch actions, macros), each message in full. */
function DocumentWarnings({ document }: { document: DocumentRecord }) {
  const { t } = useTranslation('documents');
  if (!document.warnings?.length) return null;
  return (
    <Stack gap={2} mt={4}>
      {document.warnings.map((warning) => (
        <Text key={warning.code} size="xs" c="orange.9" role="note">
          {t('documentsTable.warning', { message: warning.message })}
        </Text>
      ))}
    </Stack>
  );
}

/**
 * The PDF version of an office document (made after upload, sent to providers that sign only PDF):
 * a "PDF preview" link once ready, else where it stands in plain words. Nothing for a PDF.
 */
function DocumentRendition({ document }: { document: DocumentRecord }) {
  const { t } = useTranslation('documents');
  const rendition = document.rendition;
  if (!rendition) return null;
  if (rendition.status === 'ready') {
    return (
      <Text size="xs" mt={4}>
        <Anchor {...linkProps(`/documents/${document.id}`)} size="xs" aria-label={t('documentsTable.renditionPreviewOf', { filename: document.filename })}>
          {t('documentsTable.renditionPreview')}
        </Anchor>{' '}
        <Text span size="xs" c="dimmed">
          {t('documentsTable.renditionPages', { count: rendition.pages ?? 0 })}
        </Text>
      </Text>
    );
  }
  if (rendition.status === 'pending') {
    return (
      <Text size="xs" c="dimmed" mt={4} role="status">
        {t('documentsTable.renditionPending')}
      </Text>
    );
  }
  return (
    <Text size="xs" c="red.8" mt={4} role="note">
      {t('documentsTable.renditionFailed', { error: rendition.error })}
    </Text>
  );
}

/** On a phone: one row per document, its facts on a second line, the button within reach of a thumb. */
function DocumentCards({ documents, loading, onCreateEnvelope, onDelete }: Parameters<typeof DocumentsTable>[0]) {
  const { t } = useTranslation('documents');
  if (loading && documents.length === 0) {
    return (
      <Stack p="md" gap="md">
        {Array.from({ length: 3 }, (_, index) => (
          <Skeleton key={index} height={44} radius="md" />
        ))}
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      {documents.map((document) => (
        <Group key={document.id} justify="space-between" wrap="nowrap" gap="sm" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Anchor href={`/api/v1/documents/${document.id}/content`} target="_blank" rel="noreferrer" className="table-link break-anywhere">
              {document.filename}
            </Anchor>
            <Text size="xs" c="dimmed">
              {describeType(document, t)} · {formatBytes(document.size)} · {formatDateTime(document.createdAt)}
            </Text>
            {document.mediaType === 'application/pdf' && (
              <Anchor {...linkProps(`/documents/${document.id}`)} size="xs" aria-label={t('documentsTable.previewOf', { filename: document.filename })}>
                {t('documentsTable.preview')}
              </Anchor>
            )}
            <DocumentWarnings document={document} />
            <DocumentRendition document={document} />
          </Stack>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button size="xs" variant="light" onClick={() => onCreateEnvelope(document)}>
              {t('documentsTable.createEnvelope')}
            </Button>
            {onDelete && <DeleteDocumentButton document={document} onDelete={onDelete} />}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
