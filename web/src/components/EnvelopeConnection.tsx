import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ConnectionsData } from '../hooks/useConnections';
import type { Envelope } from '../types';
import { ConnectionSelect, describeConnection } from './ConnectionSelect';
import { ErrorAlert } from './ErrorAlert';

/**
 * Which connection (provider account) the envelope goes through. While it can be edited, a choice
 * among the connections: the default, or a named one — how a failed send goes out through another
 * connection. A connection whose last check failed says so, here and in the list.
 */
export function EnvelopeConnection({
  envelope,
  connections,
  editable,
  onChanged,
}: {
  envelope: Envelope;
  connections: ConnectionsData;
  editable: boolean;
  onChanged: (envelope: Envelope) => void;
}) {
  const { t } = useTranslation('envelope');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const chosen = connections.connectionFor(envelope.connectionId);

  const choose = async (connectionId: string | null) => {
    if (connectionId === envelope.connectionId) return;
    setSaving(true);
    setError(undefined);
    try {
      onChanged(await api.PATCH('/api/v1/envelopes/{envelopeId}', { params: { path: { envelopeId: envelope.id } }, body: { connectionId } }));
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  if (!editable) {
    return (
      <Text size="sm" className="break-anywhere">
        {chosen ? describeConnection(chosen, connections, t) : envelope.connectionId ? t('connection.deleted') : t('connection.default')}
      </Text>
    );
  }

  return (
    <Stack gap="xs">
      <ConnectionSelect
        connections={connections}
        label={t('connection.sentThrough')}
        description={t('connection.sentThroughDescription')}
        value={envelope.connectionId}
        disabled={saving}
        onChange={(connectionId) => void choose(connectionId)}
      />
      {chosen?.health.status === 'error' && (
        <Text size="sm" c="red" role="note" className="break-anywhere">
          {t('connection.notWorking')}
        </Text>
      )}
      {error !== undefined && <ErrorAlert error={error} title={t('connection.notChanged')} />}
    </Stack>
  );
}
