import { Anchor, Button, Card, Grid, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentVisibility } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { api, ApiError, describeError, newIdempotencyKey } from '../api';
import { ConfirmActionDialog } from '../components/ConfirmActionDialog';
import { EditEnvelopeDialog } from '../components/EditEnvelopeDialog';
import { SaveAsTemplateDialog } from '../components/SaveAsTemplateDialog';
import { EnvelopeActions, type EnvelopeAction } from '../components/EnvelopeActions';
import { EnvelopeConnection } from '../components/EnvelopeConnection';
import { EnvelopeDetails } from '../components/EnvelopeDetails';
import { EnvelopeDocuments } from '../components/EnvelopeDocuments';
import { EnvelopeTimeline } from '../components/EnvelopeTimeline';
import { EnvelopeWebhookDeliveries } from '../components/EnvelopeWebhookDeliveries';
import { ErrorAlert } from '../components/ErrorAlert';
import { ArrowLeftIcon, PencilIcon, TemplateIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { EnvelopeParticipants } from '../components/EnvelopeParticipants';
import { SandboxMailboxLink } from '../components/SandboxMailboxLink';
import { SignedFilesCard } from '../components/SignedFilesCard';
import { StatusBadge } from '../components/StatusBadge';
import { SendDecisionPanel } from '../components/SendDecisionPanel';
import { SharingSwitch } from '../components/SharingSwitch';
import { StatusReasonAlert } from '../components/StatusReasonAlert';
import { WithdrawDialog } from '../components/WithdrawDialog';
import { useApiData } from '../hooks/useApiData';
import { useConnections } from '../hooks/useConnections';
import { useJobPolling } from '../hooks/useJobPolling';
import { lastEnvelopeList } from '../listReturn';
import { linkProps, navigate } from '../router';
import { useSession } from '../session';
import { deletesAtProvider, envelopeStatusLook, isEnvelopeEditable, type ProviderAction } from '../status';
import type { Envelope, Job } from '../types';

/** Actions asked through a dialog first. */
type DialogAction = Exclude<ProviderAction, 'remind'>;

/** While sending, the job finishes in seconds; once sent, the provider's callbacks change it now and then. */
const POLL_SENDING_MS = 1000;
const POLL_SENT_MS = 10_000;

/** One envelope: details, documents, participants, history, and what can be done with it now. */
export function EnvelopePage({ id }: { id: string }) {
  const thisEnvelope = { params: { path: { envelopeId: id } } };
  const envelope = useApiData('/api/v1/envelopes/{envelopeId}', thisEnvelope);
  const providers = useApiData('/api/v1/providers');
  const [busy, setBusy] = useState<EnvelopeAction | null>(null);
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [expiresAt, setExpiresAt] = useState('');
  const [following, setFollowing] = useState<ProviderAction | null>(null);
  // A copy just made opens with its details for editing (`?edit`, from the clone action).
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [editingDetails, setEditingDetails] = useState(() => new URLSearchParams(window.location.search).has('edit'));
  const connections = useConnections();
  const { can } = useSession();
  const visibility = useDocumentVisibility();
  const status = envelope.data?.status;
  const provider = providers.data?.data.find((entry) => entry.id === envelope.data?.provider);
  // The envelope's connection: a send awaiting a decision never reached `sent`, so the envelope names no
  // provider yet and its connection does; and a built-in sandbox connection has a mailbox to link to.
  const connectionId = envelope.data?.connectionId ?? null;
  const connection = useApiData(connectionId ? '/api/v1/connections/{connectionId}' : null, { params: { path: { connectionId: connectionId ?? '' } } });
  const providerOfConnection = providers.data?.data.find((entry) => entry.id === connection.data?.provider);
  // The deliveries' route needs webhooks:admin: others never see the section, rather than its refusal.
  const seesWebhooks = can('webhooks:admin');

  useEffect(() => {
    if (window.location.search) navigate(window.location.pathname, { replace: true });
  }, []);

  // Follow the envelope while something is expected to change, and only while the tab is visible:
  // its status while it is at the provider, then its signed files while they are being fetched.
  const archive = envelope.data?.archive;
  const archiving = archive?.status === 'pending';
  useEffect(() => {
    if (visibility !== 'visible' || (status !== 'sending' && status !== 'sent' && !archiving)) return;
    const soon = status === 'sending' || (archiving && (archive.lastError === null || Date.parse(archive.nextAttemptAt ?? '') <= Date.now()));
    const timer = window.setTimeout(() => void envelope.reload(), soon ? POLL_SENDING_MS : POLL_SENT_MS);
    return () => window.clearTimeout(timer);
  }, [status, archiving, archive, visibility, envelope.data, envelope.reload]);

  // The provider actions run as jobs on the server: the button stays busy until the job ends.
  const jobs = useJobPolling(
    (job: Job) => {
      const action = following;
      setFollowing(null);
      void envelope.reload();
      if (!action) return;
      if (job.state === 'completed') notifications.show(JOB_DONE[action]);
      else notifications.show({ color: 'red', title: failureTitle(action), message: job.lastError ?? 'The provider did not say why.', autoClose: 10_000 });
    },
    (error) => {
      setFollowing(null);
      notifications.show({ color: 'red', title: 'Lost track of the action', message: describeError(error), autoClose: 10_000 });
    },
  );

  /** Starts a provider action; the dialog (if any) shows a refusal, else a notification does. */
  const startJob = async (action: ProviderAction, started: Job | undefined) => {
    setDialog(null);
    if (started === undefined) {
      // A DELETE answered 204: the envelope never reached a provider and is gone.
      notifications.show({ color: 'gray', title: 'Envelope deleted', message: 'Its documents are still in Documents.' });
      navigate('/envelopes');
      return;
    }
    setFollowing(action);
    jobs.follow(started);
  };

  /** Duplicate, or Correct and resend: a new envelope with this one's content, opened for editing. */
  const clone = async () => {
    setBusy('clone');
    try {
      const copy = await api.POST('/api/v1/envelopes/{envelopeId}/clone', { ...thisEnvelope, body: {}, idempotencyKey: newIdempotencyKey() });
      notifications.show({ color: 'green', title: 'Copy made', message: 'Change what needs changing, then send it. The original stays as it was.' });
      navigate(`/envelopes/${copy.id}?edit`);
    } catch (error) {
      notifications.show({ color: 'red', title: failureTitle('clone'), message: describeError(error), autoClose: 10_000 });
    } finally {
      setBusy(null);
    }
  };

  const run = async (action: EnvelopeAction) => {
    if (action === 'clone') return clone();
    if (action !== 'send' && action !== 'sync' && action !== 'remind') {
      if (action === 'extend-expiry') setExpiresAt('');
      setDialog(action);
      return;
    }
    setBusy(action);
    try {
      if (action === 'remind') {
        await startJob('remind', await api.POST('/api/v1/envelopes/{envelopeId}/remind', thisEnvelope));
        return;
      }
      // Send honours Idempotency-Key: a retried click cannot send twice.
      const updated =
        action === 'send'
          ? await api.POST('/api/v1/envelopes/{envelopeId}/send', { ...thisEnvelope, idempotencyKey: newIdempotencyKey() })
          : await api.POST('/api/v1/envelopes/{envelopeId}/sync', thisEnvelope);
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

  const withdraw = async (reason: string | null) =>
    startJob('withdraw', await api.POST('/api/v1/envelopes/{envelopeId}/withdraw', { ...thisEnvelope, body: reason ? { reason } : {} }));

  const back = (
    // Not named "Envelopes": that name belongs to the navigation link, which people and tests look for.
    // It returns to the list with the tab, sort and search it had.
    <Anchor {...linkProps(lastEnvelopeList())} size="sm" mb="sm" display="inline-block">
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
  const canWrite = can('envelopes:write');
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

  const editable = canWrite && isEnvelopeEditable(data);
  const capabilities = connections.capabilitiesFor(data.connectionId);
  const saved = (updated: Envelope, title: string) => {
    envelope.set(updated);
    notifications.show({ color: 'green', title, message: updated.status === 'draft' ? 'It is a draft: it needs a document and a signer before sending.' : 'Saved.' });
  };

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
        actions={
          <>
            <EnvelopeActions envelope={data} provider={provider} busy={busy ?? following} canWrite={canWrite} onAction={(action) => void run(action)} />
            {canWrite && (
              <Button variant="default" leftSection={<TemplateIcon size={16} />} onClick={() => setSavingTemplate(true)}>
                Save as template
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {data.sendDecision ? (
          <SendDecisionPanel
            envelope={{ ...data, sendDecision: data.sendDecision }}
            providerName={providerOfConnection?.name ?? 'the provider'}
            onDecided={(updated) => {
              envelope.set(updated);
              notifications.show(
                updated.status === 'sending'
                  ? { color: 'brand', title: 'Sending again', message: 'The provider is creating the envelope anew and inviting the participants.' }
                  : { color: 'green', title: 'Recorded as sent', message: `Countersign follows it at the provider as ${updated.providerReference}.` },
              );
            }}
          />
        ) : (
          <StatusReasonAlert envelope={data} />
        )}
        {envelope.error !== undefined && <ErrorAlert error={envelope.error} title="Could not refresh the envelope" onRetry={() => void envelope.reload()} />}

        <SignedFilesCard
          envelope={data}
          provider={provider}
          onRetried={(updated) => {
            envelope.set(updated);
            notifications.show({ color: 'brand', title: 'Trying again', message: 'Countersign is fetching the signed files from the provider now.' });
          }}
        />

        <Card>
          <EnvelopeParticipants
            envelope={data}
            editable={editable}
            capabilities={capabilities}
            onChanged={envelope.reload}
            mailboxLink={<SandboxMailboxLink connection={connection.data} provider={providerOfConnection} />}
          />
        </Card>

        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="lg">
              <Card>
                <Title order={2} fz="lg" mb="sm">
                  Documents
                </Title>
                <EnvelopeDocuments envelope={data} editable={editable} onChanged={(updated) => saved(updated, 'Documents changed')} />
              </Card>
              <Card>
                <Title order={2} fz="lg" mb="sm">
                  Connection
                </Title>
                <EnvelopeConnection envelope={data} connections={connections} editable={editable} onChanged={(updated) => saved(updated, 'Connection changed')} />
              </Card>
              <Card>
                <Group justify="space-between" mb="sm">
                  <Title order={2} fz="lg">
                    Details
                  </Title>
                  {editable && (
                    <Button size="xs" variant="default" leftSection={<PencilIcon size={14} />} onClick={() => setEditingDetails(true)}>
                      Edit details
                    </Button>
                  )}
                </Group>
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

        {seesWebhooks && (
          <Card>
            <Title order={2} fz="lg" mb="sm">
              Webhook deliveries
            </Title>
            <EnvelopeWebhookDeliveries envelopeId={data.id} changes={data.events.length} />
          </Card>
        )}
      </Stack>

      <SaveAsTemplateDialog envelope={data} opened={savingTemplate} onClose={() => setSavingTemplate(false)} />
      <EditEnvelopeDialog
        envelope={data}
        opened={editingDetails && editable}
        capabilities={capabilities}
        onClose={() => setEditingDetails(false)}
        onSaved={(updated) => {
          setEditingDetails(false);
          if (updated !== data) saved(updated, 'Envelope changed');
        }}
      />
      <WithdrawDialog
        opened={dialog === 'withdraw'}
        deletesAt={provider?.capabilities.withdrawDeletes ? provider.name : undefined}
        onClose={() => setDialog(null)}
        onConfirm={withdraw}
      />
      <ConfirmActionDialog
        opened={dialog === 'extend-expiry'}
        title="Extend the expiry?"
        text="The participants get until this moment to act."
        confirmLabel="Extend"
        color="brand"
        failureTitle="The expiry was not changed"
        onClose={() => setDialog(null)}
        onConfirm={async () => startJob('extend-expiry', await api.POST('/api/v1/envelopes/{envelopeId}/extend-expiry', { ...thisEnvelope, body: { expiresAt: expiresAt ? new Date(expiresAt).toISOString() : '' } }))}
      >
        <TextInput type="datetime-local" label="New expiry" value={expiresAt} onChange={(event) => setExpiresAt(event.currentTarget.value)} data-autofocus />
      </ConfirmActionDialog>
      <ConfirmActionDialog
        opened={dialog === 'skip-pending'}
        title="Skip the pending participants?"
        text="Everyone who has not acted yet is skipped, and the envelope completes without them. This cannot be undone."
        confirmLabel="Skip them"
        failureTitle="Nobody was skipped"
        onClose={() => setDialog(null)}
        onConfirm={async () => startJob('skip-pending', await api.POST('/api/v1/envelopes/{envelopeId}/skip-pending', thisEnvelope))}
      />
      <ConfirmActionDialog
        opened={dialog === 'delete'}
        title="Delete this envelope?"
        text={
          deletesAtProvider(data.status)
            ? `It is deleted at ${provider?.name ?? 'its provider'} too, where nobody can open it any more. Here it stays as deleted history.`
            : 'It is deleted with its participants; its documents stay in Documents.'
        }
        confirmLabel="Delete"
        failureTitle="The envelope was not deleted"
        onClose={() => setDialog(null)}
        onConfirm={async () =>
          startJob('delete', await api.DELETE('/api/v1/envelopes/{envelopeId}', { params: { ...thisEnvelope.params, query: { confirm: deletesAtProvider(data.status) || undefined } } }))
        }
      />
    </>
  );
}

function messageFor(action: 'send' | 'sync', envelope: Envelope) {
  switch (action) {
    case 'send':
      return { color: 'brand', title: 'Sending to participants', message: 'The provider is creating the envelope and inviting the participants.' };
    case 'sync':
      return { color: 'green', title: 'Synced with the provider', message: `Status: ${envelopeStatusLook(envelope.status).label}.` };
  }
}

/** What a finished job says, per action. */
const JOB_DONE: Record<ProviderAction, { color: string; title: string; message: string }> = {
  remind: { color: 'green', title: 'Reminder sent', message: 'The participants whose turn it is were reminded.' },
  withdraw: { color: 'orange', title: 'Envelope withdrawn', message: 'The participants can no longer sign it.' },
  'extend-expiry': { color: 'green', title: 'Expiry extended', message: 'The participants have until the new date.' },
  'skip-pending': { color: 'green', title: 'Pending participants skipped', message: 'The provider completes the envelope without them.' },
  delete: { color: 'gray', title: 'Envelope deleted at the provider', message: 'It stays here as history.' },
};

function failureTitle(action: EnvelopeAction): string {
  return {
    send: 'Not sent',
    sync: 'Sync failed',
    remind: 'Reminder not sent',
    clone: 'No copy made',
    withdraw: 'Not withdrawn',
    'extend-expiry': 'Expiry not extended',
    'skip-pending': 'Nobody skipped',
    delete: 'Not deleted',
  }[action];
}
