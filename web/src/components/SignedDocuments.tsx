import { Anchor, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { api, describeError } from '../api';
import { formatBytes } from '../format';
import type { Artifact } from '../types';
import { DownloadIcon } from './icons';

const RETRY_MS = 2000;
const GIVE_UP_AFTER = 30;

/**
 * The signed documents and audit proofs of a completed envelope. They are fetched from the provider
 * by a job right after completion, so for a few seconds there may be none yet: ask again until they arrive.
 */
export function SignedDocuments({ envelopeId }: { envelopeId: string }) {
  const [artifacts, setArtifacts] = useState<Artifact[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const attempts = useRef(0);

  useEffect(() => {
    let timer: number | undefined;
    let cancelled = false;
    const load = async () => {
      try {
        const { data } = await api.GET('/api/v1/envelopes/{envelopeId}/artifacts', { params: { path: { envelopeId } } });
        if (cancelled) return;
        setArtifacts(data);
        setError(null);
        attempts.current += 1;
        if (data.length === 0) {
          if (attempts.current < GIVE_UP_AFTER) timer = window.setTimeout(() => void load(), RETRY_MS);
          else setGaveUp(true);
        }
      } catch (caught) {
        if (!cancelled) setError(describeError(caught));
      }
    };
    void load();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [envelopeId]);

  if (error) {
    return (
      <Text size="sm" c="red">
        {error}
      </Text>
    );
  }
  if (artifacts === null || (artifacts.length === 0 && !gaveUp)) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Fetching the signed files from the provider…
        </Text>
      </Group>
    );
  }
  if (artifacts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The signed files have not arrived yet. Press Sync, or reload the page in a minute.
      </Text>
    );
  }
  const ordered = [...artifacts].sort((a, b) => (a.kind === b.kind ? a.filename.localeCompare(b.filename) : a.kind === 'signed' ? -1 : 1));
  return (
    <Stack gap="xs">
      {ordered.map((artifact) => (
        <Group key={artifact.id} gap="sm" wrap="nowrap">
          <Badge color={artifact.kind === 'signed' ? 'green' : 'gray'} w={110} style={{ flexShrink: 0 }}>
            {artifact.kind === 'signed' ? 'Signed' : 'Audit proof'}
          </Badge>
          <Anchor
            href={`/api/v1/envelopes/${envelopeId}/artifacts/${artifact.id}/content`}
            download={artifact.filename}
            size="sm"
            className="break-anywhere"
          >
            <Group gap={6} wrap="nowrap" component="span">
              <DownloadIcon size={14} />
              {artifact.filename}
            </Group>
          </Anchor>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatBytes(artifact.size)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
