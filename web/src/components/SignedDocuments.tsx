import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../api';
import { formatBytes, formatDateTime } from '../format';
import type { Artifact, Envelope, EnvelopeArchive } from '../types';
import { ErrorAlert } from './ErrorAlert';
import { AlertIcon, DownloadIcon } from './icons';

/**
 * The signed documents and audit proofs of a completed envelope, as its `archive` says: fetched from
 * the provider by a job after completion and retried on a schedule of days when that fails, so the page
 * says whether they are stored, still on their way (and when the next attempt is), or given up on with
 * the reason — never an empty list that looks like "nothing was signed".
 */
export function SignedDocuments({
  envelope,
  providerName,
  hasAuditProof,
  onRetried,
}: {
  envelope: Envelope & { archive: EnvelopeArchive };
  /** For "Autenti gives no audit proof": the provider's name, and whether it has one (undefined: not known yet). */
  providerName?: string;
  hasAuditProof?: boolean;
  onRetried: (updated: Envelope) => void;
}) {
  const { t } = useTranslation('envelope');
  const { archive } = envelope;
  if (archive.status === 'archived') return <ArchivedFiles envelopeId={envelope.id} providerName={providerName} hasAuditProof={hasAuditProof} />;
  if (archive.status === 'pending' && archive.lastError === null) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          {t('signedFiles.fetching')}
        </Text>
      </Group>
    );
  }
  return <ArchiveTrouble envelope={envelope} archive={archive} onRetried={onRetried} />;
}

/** Attempts failed: why, when the next one is (or that there is none), and "Try again" now. */
function ArchiveTrouble({ envelope, archive, onRetried }: { envelope: Envelope; archive: EnvelopeArchive; onRetried: (updated: Envelope) => void }) {
  const { t } = useTranslation(['envelope', 'common']);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>();
  const failed = archive.status === 'failed';

  const retry = async () => {
    setWorking(true);
    setError(undefined);
    try {
      onRetried(await api.POST('/api/v1/envelopes/{envelopeId}/archive', { params: { path: { envelopeId: envelope.id } } }));
    } catch (caught) {
      setError(caught);
    } finally {
      setWorking(false);
    }
  };

  return (
    <Alert
      color={failed ? 'red' : 'orange'}
      variant="light"
      icon={<AlertIcon />}
      role="region"
      title={failed ? t('signedFiles.failedTitle') : t('signedFiles.pendingTitle')}
    >
      <Stack gap="xs">
        <Text size="sm">
          {failed
            ? t('signedFiles.gaveUp', { count: archive.attemptCount })
            : t('signedFiles.nextAttempt', { count: archive.attemptCount, next: formatDateTime(archive.nextAttemptAt) })}
        </Text>
        <Text size="sm" className="break-anywhere">
          {t('signedFiles.reason', { reason: archive.lastError })}
        </Text>
        <Group>
          <Button size="xs" variant="outline" color={failed ? 'red' : 'orange'} loading={working} onClick={() => void retry()}>
            {t('common:actions.tryAgain')}
          </Button>
        </Group>
        {error !== undefined && <ErrorAlert error={error} title={t('signedFiles.notRetried')} />}
      </Stack>
    </Alert>
  );
}

function ArchivedFiles({ envelopeId, providerName, hasAuditProof }: { envelopeId: string; providerName?: string; hasAuditProof?: boolean }) {
  const { t } = useTranslation('envelope');
  const [artifacts, setArtifacts] = useState<Artifact[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .GET('/api/v1/envelopes/{envelopeId}/artifacts', { params: { path: { envelopeId } } })
      .then(({ data }) => !cancelled && setArtifacts(data))
      .catch((caught: unknown) => !cancelled && setError(describeError(caught)));
    return () => {
      cancelled = true;
    };
  }, [envelopeId]);

  if (error) {
    return (
      <Text size="sm" c="red">
        {error}
      </Text>
    );
  }
  if (artifacts === null) return <Loader size="xs" />;
  const byName = (a: Artifact, b: Artifact) => a.filename.localeCompare(b.filename);
  const signed = artifacts.filter((artifact) => artifact.kind === 'signed').sort(byName);
  const proofs = artifacts.filter((artifact) => artifact.kind === 'audit').sort(byName);
  return (
    <Stack gap="md">
      <Stack gap="xs">
        {signed.map((artifact) => (
          <ArtifactLine key={artifact.id} envelopeId={envelopeId} artifact={artifact} />
        ))}
      </Stack>
      {proofs.length > 0 ? (
        // The provider's own evidence of who did what: a part of its own, so that nobody has to find it among the signed files.
        <Stack gap={6} component="section" aria-label={t('signedFiles.auditProof')}>
          <Text size="sm" fw={600}>
            {providerName ? t('signedFiles.auditProofFrom', { provider: providerName }) : t('signedFiles.auditProof')}
          </Text>
          {proofs.map((artifact) => (
            <ArtifactLine key={artifact.id} envelopeId={envelopeId} artifact={artifact} />
          ))}
        </Stack>
      ) : (
        hasAuditProof === false && (
          <Text size="xs" c="dimmed">
            {providerName ? t('signedFiles.noAuditProof', { provider: providerName }) : t('signedFiles.noAuditProofUnknown')}
          </Text>
        )
      )}
    </Stack>
  );
}

function ArtifactLine({ envelopeId, artifact }: { envelopeId: string; artifact: Artifact }) {
  const { t } = useTranslation('envelope');
  return (
    <Group gap="sm" wrap="nowrap">
      <Badge color={artifact.kind === 'signed' ? 'green' : 'gray'} w={110} style={{ flexShrink: 0 }}>
        {artifact.kind === 'signed' ? t('signedFiles.signed') : t('signedFiles.auditProof')}
      </Badge>
      <Anchor href={`/api/v1/envelopes/${envelopeId}/artifacts/${artifact.id}/content`} download={artifact.filename} size="sm" className="break-anywhere">
        <Group gap={6} wrap="nowrap" component="span">
          <DownloadIcon size={14} />
          {artifact.filename}
        </Group>
      </Anchor>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {formatBytes(artifact.size)}
      </Text>
    </Group>
  );
}
