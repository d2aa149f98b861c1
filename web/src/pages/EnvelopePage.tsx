import { Anchor, Button, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentVisibility } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { api, ApiError, describeError, newIdempotencyKey } from '../api';
import { EnvelopeActions, type EnvelopeAction } from '../components/EnvelopeActions';
import { EnvelopeDetails } from '../components/EnvelopeDetails';
import { EnvelopeTimeline } from '../components/EnvelopeTimeline';
import { ErrorAlert } from '../components/ErrorAlert';
import { ArrowLeftIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { ParticipantsTable } from '../components/ParticipantsTable';
import { SignedDocuments } from '../components/SignedDocuments';
import { StatusBadge } from '../components/StatusBadge';
import { SharingSwitch } from '../components/SharingSwitch';
import { StatusReasonAlert } from '../components/StatusReasonAlert';
import { WithdrawDialog } from '../components/WithdrawDialog';
import { useApiData } from '../hooks/useApiData';
import { linkProps } from '../router';
import { envelopeStatusLook } from '../status';
import type { Envelope } from '../types';

/** While sending, the job finishes in seconds; once sent, the provider's callbacks change it now and then. */
const POLL_SENDING_MS = 1000;
const POLL_SENT_MS = 10_000;

/** One envelope: details, documents, participants, history, and what can be done with it now. */
export function EnvelopePage({ id }: { id: string }) {
  const envelope = useApiData<Envelope>(`/api/v1/envelopes/${encodeURIComponent(id)}`);
  const [busy, setBusy] = useState<EnvelopeAction | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const visibility = useDocumentVisibility();
  const status = envelope.data?.status;

  // Follow the envelope while something is expected to change, and only while the tab is visible.
  useEffect(() => {
    if (visibility !== 'visible' || (status !== 'sending' && status !== 'sent')) return;
    const timer = window.setTimeout(() => void envelope.reload(), status === 'sending' ? POLL_SENDING_MS : POLL_SENT_MS);
    return () => window.clearTimeout(timer);
  }, [status, visibility, envelope.data, envelope.reload]);

  const run = async (action: EnvelopeAction) => {
    if (action === 'withdraw') {
      setWithdrawing(true);
      return;
    }
    setBusy(action);
    try {
      const path = `/api/v1/envelopes/${encodeURIComponent(id)}/${action}`;
      // Send honours Idempotency-Key: a retried click cannot send twice.
      const updated = await api.post<Envelope>(path, undefined, action === 'send' ? { idempotencyKey: newIdempotencyKey() } : {});
      envelope.set(updated);
      notifications.show(messageFor(action, updated));
    } catch (error) {
      notifications.show({ color: 'red', title: failureTitle(action), message: describeError(error), autoClose: 10_000 });
      // A 409 means the status moved on meanwhile: show where it is now.
      if (error instanceof ApiError && error.status === 409) void envelope.reload();
    } finally {
      setBusy(null);
    }
  };

  const withdraw = async (reason: string | null) => {
    const updated = await api.post<Envelope>(`/api/v1/envelopes/${encodeURIComponent(id)}/withdraw`, reason ? { reason } : {});
    envelope.set(updated);
    setWithdrawing(false);
    notifications.show({ color: 'orange', title: 'Envelope withdrawn', message: 'The participants can no longer sign it.' });
  };

  const back = (
    // Not named "Envelopes": that name belongs to the navigation link, which people and tests look for.
    <Anchor {...linkProps('/envelopes')} size="sm" mb="sm" display="inline-block">
      <Group gap={4} component="span">
        <ArrowLeftIcon size={14} /> Back to list
      </Group>
    </Anchor>
  );

  if (envelope.error !== undefined && !envelope.data) {
    const missing = envelope.error instanceof ApiError && envelope.error.status === 404;
    return (
      <>
        {back}
        <PageHeader title={missing ? 'Envelope not found' : 'Envelope'} />
        <ErrorAlert error={envelope.error} title={missing ? 'There is no such envelope' : 'The envelope could not be loaded'} onRetry={missing ? undefined : () => void envelope.reload()} />
      </>
    );
  }

  const data = envelope.data;
  if (!data) {
    return (
      <>
        {back}
        <Stack gap="lg" aria-busy="true" aria-label="Loading the envelope">
          <Skeleton height={34} width="50%" />
          <Skeleton height={36} width={420} maw="100%" />
          <Skeleton height={180} radius="lg" />
          <Skeleton height={140} radius="lg" />
        </Stack>
      </>
    );
  }

  return (
    <>
      {back}
      <PageHeader
        title={data.title}
        description={
          <Group gap="xs" component="span">
            <StatusBadge status={data.status} size="lg" />
            <Text span size="sm" c="dimmed">
              {data.participants.length} participant{data.participants.length === 1 ? '' : 's'} · {data.documents.length} document
              {data.documents.length === 1 ? '' : 's'}
            </Text>
            <SharingSwitch
              kind="envelopes"
              id={data.id}
              createdBy={data.createdBy}
              visibility={data.visibility}
              onChanged={(visibility) => envelope.set({ ...data, visibility })}
            />
          </Group>
        }
        actions={<EnvelopeActions envelope={data} busy={busy} onAction={(action) => void run(action)} />}
      />
      <Stack gap="lg">
        <StatusReasonAlert envelope={data} />
        {envelope.error !== undefined && <ErrorAlert error={envelope.error} title="Could not refresh the envelope" onRetry={() => void envelope.reload()} />}

        {data.status === 'completed' && (
          <Card>
            <Title order={2} fz="lg" mb="sm">
              Signed documents
            </Title>
            <SignedDocuments envelopeId={data.id} />
          </Card>
        )}

        <Card>
          <Title order={2} fz="lg" mb="sm">
            Participants
          </Title>
          <ParticipantsTable participants={data.participants} />
        </Card>

        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="lg">
              <Card>
                <Title order={2} fz="lg" mb="sm">
                  Documents
                </Title>
                <EnvelopeDocuments envelope={data} />
              </Card>
              <Card>
                <Title order={2} fz="lg" mb="sm">
                  Details
                </Title>
                <EnvelopeDetails envelope={data} />
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Card>
              <Title order={2} fz="lg" mb="md">
                History
              </Title>
              <EnvelopeTimeline events={data.events} participants={data.participants} />
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>

      <WithdrawDialog opened={withdrawing} onClose={() => setWithdrawing(false)} onConfirm={withdraw} />
    </>
  );
}

function EnvelopeDocuments({ envelope }: { envelope: Envelope }) {
  if (envelope.documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No documents: it stays a draft until one is added.
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {envelope.documents.map((document) => (
        <Group key={document.id} justify="space-between" wrap="nowrap">
          <Anchor href={`/api/v1/documents/${document.id}/content`} download={document.filename} size="sm" className="break-anywhere">
            {document.filename}
          </Anchor>
          <Button component="a" href={`/api/v1/documents/${document.id}/content`} download={document.filename} size="compact-xs" variant="subtle">
            Download
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

function messageFor(action: Exclude<EnvelopeAction, 'withdraw'>, envelope: Envelope) {
  switch (action) {
    case 'send':
      return { color: 'brand', title: 'Sending to participants', message: 'The provider is creating the envelope and inviting the participants.' };
    case 'sync':
      return { color: 'green', title: 'Synced with the provider', message: `Status: ${envelopeStatusLook(envelope.status).label}.` };
    case 'remind':
      return { color: 'green', title: 'Reminder sent', message: 'The participants whose turn it is were reminded.' };
  }
}

function failureTitle(action: EnvelopeAction): string {
  return { send: 'Not sent', sync: 'Sync failed', remind: 'Reminder not sent', withdraw: 'Not withdrawn' }[action];
}
