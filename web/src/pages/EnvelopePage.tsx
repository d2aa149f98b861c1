import { Anchor, Button, Card, Grid, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentVisibility } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation(['envelope', 'common']);

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
      if (job.state === 'completed') notifications.show(jobDone(action, t));
      else notifications.show({ color: 'red', title: failureTitle(action, t), message: job.lastError ?? t('envelopePage.notifications.noReason'), autoClose: 10_000 });
    },
    (error) => {
      setFollowing(null);
      notifications.show({ color: 'red', title: t('envelopePage.notifications.lostTrack'), message: describeError(error), autoClose: 10_000 });
    },
  );

  /** Starts a provider action; the dialog (if any) shows a refusal, else a notification does. */
  const startJob = async (action: ProviderAction, started: Job | undefined) => {
    setDialog(null);
    if (started === undefined) {
      // A DELETE answered 204: the envelope never reached a provider and is gone.
      notifications.show({ color: 'gray', title: t('envelopePage.notifications.deletedTitle'), message: t('envelopePage.notifications.deletedMessage') });
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
      notifications.show({ color: 'green', title: t('envelopePage.notifications.copyTitle'), message: t('envelopePage.notifications.copyMessage') });
      navigate(`/envelopes/${copy.id}?edit`);
    } catch (error) {
      notifications.show({ color: 'red', title: failureTitle('clone', t), message: describeError(error), autoClose: 10_000 });
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
      notifications.show(messageFor(action, updated, t));
    } catch (error) {
      notifications.show({ color: 'red', title: failureTitle(action, t), message: describeError(error), autoClose: 10_000 });
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
        <ArrowLeftIcon size={14} /> {t('common:actions.backToList')}
      </Group>
    </Anchor>
  );

  if (envelope.error !== undefined && !envelope.data) {
    const missing = envelope.error instanceof ApiError && envelope.error.status === 404;
    return (
      <>
        {back}
        <PageHeader title={missing ? t('envelopePage.notFound') : t('envelopePage.title')} />
        <ErrorAlert error={envelope.error} title={missing ? t('envelopePage.noSuchEnvelope') : t('envelopePage.notLoaded')} onRetry={missing ? undefined : () => void envelope.reload()} />
      </>
    );
  }

  const data = envelope.data;
  const canWrite = can('envelopes:write');
  if (!data) {
    return (
      <>
        {back}
        <Stack gap="lg" aria-busy="true" aria-label={t('envelopePage.loading')}>
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
    notifications.show({ color: 'green', title, message: updated.status === 'draft' ? t('envelopePage.saved.draft') : t('envelopePage.saved.done') });
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
              {t('envelopePage.counts', { participants: data.participants.length, documents: data.documents.length })}
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
                {t('envelopePage.saveAsTemplate')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {data.sendDecision ? (
          <SendDecisionPanel
            envelope={{ ...data, sendDecision: data.sendDecision }}
            providerName={providerOfConnection?.name ?? t('envelopePage.theProvider')}
            onDecided={(updated) => {
              envelope.set(updated);
              notifications.show(
                updated.status === 'sending'
                  ? { color: 'brand', title: t('envelopePage.notifications.sendingAgainTitle'), message: t('envelopePage.notifications.sendingAgainMessage') }
                  : {
                      color: 'green',
                      title: t('envelopePage.notifications.markedSentTitle'),
                      message: t('envelopePage.notifications.markedSentMessage', { reference: updated.providerReference }),
                    },
              );
            }}
          />
        ) : (
          <StatusReasonAlert envelope={data} />
        )}
        {envelope.error !== undefined && <ErrorAlert error={envelope.error} title={t('envelopePage.notRefreshed')} onRetry={() => void envelope.reload()} />}

        <SignedFilesCard
          envelope={data}
          provider={provider}
          onRetried={(updated) => {
            envelope.set(updated);
            notifications.show({ color: 'brand', title: t('envelopePage.notifications.retryingTitle'), message: t('envelopePage.notifications.retryingMessage') });
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
                  {t('envelopePage.sections.documents')}
                </Title>
                <EnvelopeDocuments envelope={data} editable={editable} onChanged={(updated) => saved(updated, t('envelopePage.saved.documents'))} />
              </Card>
              <Card>
                <Title order={2} fz="lg" mb="sm">
                  {t('envelopePage.sections.connection')}
                </Title>
                <EnvelopeConnection envelope={data} connections={connections} editable={editable} onChanged={(updated) => saved(updated, t('envelopePage.saved.connection'))} />
              </Card>
              <Card>
                <Group justify="space-between" mb="sm">
                  <Title order={2} fz="lg">
                    {t('envelopePage.sections.details')}
                  </Title>
                  {editable && (
                    <Button size="xs" variant="default" leftSection={<PencilIcon size={14} />} onClick={() => setEditingDetails(true)}>
                      {t('envelopePage.sections.editDetails')}
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
                {t('envelopePage.sections.history')}
              </Title>
              <EnvelopeTimeline events={data.events} participants={data.participants} />
            </Card>
          </Grid.Col>
        </Grid>

        {seesWebhooks && (
          <Card>
            <Title order={2} fz="lg" mb="sm">
              {t('envelopePage.sections.webhookDeliveries')}
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
          if (updated !== data) saved(updated, t('envelopePage.saved.envelope'));
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
        title={t('envelopePage.extendExpiry.title')}
        text={t('envelopePage.extendExpiry.text')}
        confirmLabel={t('envelopePage.extendExpiry.confirm')}
        color="brand"
        failureTitle={t('envelopePage.extendExpiry.failure')}
        onClose={() => setDialog(null)}
        onConfirm={async () => startJob('extend-expiry', await api.POST('/api/v1/envelopes/{envelopeId}/extend-expiry', { ...thisEnvelope, body: { expiresAt: expiresAt ? new Date(expiresAt).toISOString() : '' } }))}
      >
        <TextInput type="datetime-local" label={t('envelopePage.extendExpiry.newExpiry')} value={expiresAt} onChange={(event) => setExpiresAt(event.currentTarget.value)} data-autofocus />
      </ConfirmActionDialog>
      <ConfirmActionDialog
        opened={dialog === 'skip-pending'}
        title={t('envelopePage.skipPending.title')}
        text={t('envelopePage.skipPending.text')}
        confirmLabel={t('envelopePage.skipPending.confirm')}
        failureTitle={t('envelopePage.skipPending.failure')}
        onClose={() => setDialog(null)}
        onConfirm={async () => startJob('skip-pending', await api.POST('/api/v1/envelopes/{envelopeId}/skip-pending', thisEnvelope))}
      />
      <ConfirmActionDialog
        opened={dialog === 'delete'}
        title={t('envelopePage.delete.title')}
        text={
          deletesAtProvider(data.status)
            ? provider
              ? t('envelopePage.delete.atProvider', { provider: provider.name })
              : t('envelopePage.delete.atItsProvider')
            : t('envelopePage.delete.here')
        }
        confirmLabel={t('common:actions.delete')}
        failureTitle={t('envelopePage.delete.failure')}
        onClose={() => setDialog(null)}
        onConfirm={async () =>
          startJob('delete', await api.DELETE('/api/v1/envelopes/{envelopeId}', { params: { ...thisEnvelope.params, query: { confirm: deletesAtProvider(data.status) || undefined } } }))
        }
      />
    </>
  );
}

type EnvelopeT = TFunction<['envelope', 'common']>;

function messageFor(action: 'send' | 'sync', envelope: Envelope, t: EnvelopeT) {
  switch (action) {
    case 'send':
      return { color: 'brand', title: t('envelopePage.notifications.sendingTitle'), message: t('envelopePage.notifications.sendingMessage') };
    case 'sync':
      return {
        color: 'green',
        title: t('envelopePage.notifications.syncedTitle'),
        message: t('envelopePage.notifications.syncedMessage', { status: envelopeStatusLook(envelope.status).label }),
      };
  }
}

/** What a finished job says, per action (read when it finishes, in the language of that moment). */
function jobDone(action: ProviderAction, t: EnvelopeT): { color: string; title: string; message: string } {
  switch (action) {
    case 'remind':
      return { color: 'green', title: t('envelopePage.jobDone.remindTitle'), message: t('envelopePage.jobDone.remindMessage') };
    case 'withdraw':
      return { color: 'orange', title: t('envelopePage.jobDone.withdrawTitle'), message: t('envelopePage.jobDone.withdrawMessage') };
    case 'extend-expiry':
      return { color: 'green', title: t('envelopePage.jobDone.extendExpiryTitle'), message: t('envelopePage.jobDone.extendExpiryMessage') };
    case 'skip-pending':
      return { color: 'green', title: t('envelopePage.jobDone.skipPendingTitle'), message: t('envelopePage.jobDone.skipPendingMessage') };
    case 'delete':
      return { color: 'gray', title: t('envelopePage.jobDone.deleteTitle'), message: t('envelopePage.jobDone.deleteMessage') };
  }
}

function failureTitle(action: EnvelopeAction, t: EnvelopeT): string {
  const key = ({
    send: 'send',
    sync: 'sync',
    remind: 'remind',
    clone: 'clone',
    withdraw: 'withdraw',
    'extend-expiry': 'extendExpiry',
    'skip-pending': 'skipPending',
    delete: 'delete',
  } as const)[action];
  return t(`envelopePage.failed.${key}`);
}
