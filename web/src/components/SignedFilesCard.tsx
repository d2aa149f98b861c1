import { Button, Card, Group, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Envelope, ProviderEntry } from '../types';
import { DownloadIcon, FileIcon } from './icons';
import { SignedDocuments } from './SignedDocuments';

/**
 * What a completed envelope leaves behind: its signed documents and the provider's audit proof (as
 * `SignedDocuments` shows them while they are fetched), "Download all" — one ZIP of every file and
 * the certificate — once they are here, and the completion certificate, a page of its own to print
 * or save as PDF. Only for an envelope with an archive, i.e. one that completed: the server refuses
 * both links before (409), so they are not offered.
 */
export function SignedFilesCard({
  envelope,
  provider,
  onRetried,
}: {
  envelope: Envelope;
  provider: ProviderEntry | undefined;
  onRetried: (updated: Envelope) => void;
}) {
  const { t } = useTranslation('envelope');
  const { archive } = envelope;
  if (!archive) return null;
  const base = `/api/v1/envelopes/${envelope.id}`;
  return (
    // The heading stays the card's own child: the card is the heading's section (tests and screen readers find the files from it).
    <Card component="section" aria-labelledby={`signed-files-${envelope.id}`}>
      <Title order={2} fz="lg" mb="sm" id={`signed-files-${envelope.id}`}>
        {t('signedFiles.title')}
      </Title>
      <SignedDocuments envelope={{ ...envelope, archive }} providerName={provider?.name} hasAuditProof={provider ? provider.capabilities.auditProof !== 'none' : undefined} onRetried={onRetried} />
      <Group gap="xs" mt="md">
        {archive.status === 'archived' && (
          // The server names the ZIP (Content-Disposition); `download` keeps the browser on this page.
          <Button component="a" href={`${base}/artifacts.zip`} download size="xs" variant="light" leftSection={<DownloadIcon size={14} />}>
            {t('signedFiles.downloadAll')}
          </Button>
        )}
        <Button component="a" href={`${base}/certificate`} target="_blank" rel="noreferrer" size="xs" variant="default" leftSection={<FileIcon size={14} />}>
          {t('signedFiles.certificate')}
        </Button>
      </Group>
    </Card>
  );
}
