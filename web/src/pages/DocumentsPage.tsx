import { Alert, Button, Card, CloseButton, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../api';
import { ConfirmActionDialog } from '../components/ConfirmActionDialog';
import { CreateEnvelopeModal } from '../components/CreateEnvelopeModal';
import { DocumentsTable } from '../components/DocumentsTable';
import { EnvelopeCreatedDialog } from '../components/EnvelopeCreatedDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { UploadIcon } from '../components/icons';
import { LoadMoreButton } from '../components/LoadMoreButton';
import { PageHeader } from '../components/PageHeader';
import { UploadDropzone } from '../components/UploadDropzone';
import { useCursorList } from '../hooks/useCursorList';
import { navigate } from '../router';
import { useSession } from '../session';
import type { DocumentRecord, Envelope } from '../types';

interface Refusal {
  filename: string;
  detail: string;
}

/** The guide's starting point: upload a file, then *Create envelope* on it. */
export function DocumentsPage() {
  const { can } = useSession();
  const { t } = useTranslation(['documents', 'common']);
  const list = useCursorList('/api/v1/documents', {});
  const openFilePicker = useRef<(() => void) | null>(null);
  const [uploading, setUploading] = useState(false);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [creatingFor, setCreatingFor] = useState<DocumentRecord | null>(null);
  const [created, setCreated] = useState<Envelope | null>(null);
  const [deleting, setDeleting] = useState<DocumentRecord | null>(null);

  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    setUploading(true);
    setRefusals([]);
    const refused: Refusal[] = [];
    let uploaded = 0;
    // One at a time: the server reads each upload as a stream, and each answer belongs to one file.
    for (const file of files) {
      try {
        await api.uploadDocument(file);
        uploaded += 1;
      } catch (error) {
        refused.push({ filename: file.name, detail: describeError(error) });
      }
    }
    setUploading(false);
    setRefusals(refused);
    if (uploaded > 0) {
      notifications.show({
        color: 'green',
        title: t('documentsPage.uploaded', { count: uploaded }),
        message: uploaded === 1 && files.length === 1 ? files[0]!.name : t('documentsPage.uploadedMany'),
      });
      await list.refresh();
    }
  };

  const empty = list.loaded && list.items.length === 0 && !list.error;

  return (
    <>
      <PageHeader
        title={t('documentsPage.title')}
        description={t('documentsPage.description')}
        actions={
          can('documents:write') && (
            <Button leftSection={<UploadIcon size={16} />} onClick={() => openFilePicker.current?.()} loading={uploading}>
              {t('documentsPage.upload')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <UploadDropzone onFiles={(files) => void upload(files)} uploading={uploading} empty={empty} openRef={openFilePicker} />

        {refusals.length > 0 && (
          <Alert color="red" variant="light" title={t('documentsPage.notUploaded', { count: refusals.length })} role="alert">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <List size="sm" spacing={4}>
                {refusals.map((refusal, index) => (
                  <List.Item key={`${refusal.filename}-${index}`}>
                    <Text span fw={600} size="sm" className="break-anywhere">
                      {t('documentsPage.refusedFile', { filename: refusal.filename })}
                    </Text>{' '}
                    {refusal.detail}
                  </List.Item>
                ))}
              </List>
              <CloseButton aria-label={t('documentsPage.dismiss')} onClick={() => setRefusals([])} />
            </Group>
          </Alert>
        )}

        {list.error !== undefined && <ErrorAlert error={list.error} title={t('documentsPage.loadError')} onRetry={() => void list.refresh()} />}

        {!empty && list.error === undefined && (
          <Card p={0}>
            <DocumentsTable
              documents={list.items}
              loading={list.loading}
              onCreateEnvelope={setCreatingFor}
              onDelete={can('documents:write') ? setDeleting : undefined}
            />
            <LoadMoreButton list={list} />
          </Card>
        )}
      </Stack>

      <CreateEnvelopeModal
        document={creatingFor}
        onClose={() => setCreatingFor(null)}
        onCreated={(envelope) => {
          setCreatingFor(null);
          setCreated(envelope);
        }}
      />
      <ConfirmActionDialog
        opened={deleting !== null}
        title={deleting ? t('documentsPage.deleteTitle', { filename: deleting.filename }) : t('documentsPage.deleteTitleUnnamed')}
        text={t('documentsPage.deleteText')}
        confirmLabel={t('common:actions.delete')}
        failureTitle={t('documentsPage.deleteFailed')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          const document = deleting!;
          await api.DELETE('/api/v1/documents/{documentId}', { params: { path: { documentId: document.id } } });
          setDeleting(null);
          notifications.show({ color: 'gray', title: t('documentsPage.deleted'), message: document.filename });
          await list.refresh();
        }}
      />
      <EnvelopeCreatedDialog
        envelope={created}
        onCancel={() => setCreated(null)}
        onOpen={() => {
          const id = created?.id;
          setCreated(null);
          if (id) navigate(`/envelopes/${id}`);
        }}
      />
    </>
  );
}
