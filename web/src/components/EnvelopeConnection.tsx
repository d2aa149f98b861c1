import { Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { api } from '../api';
import type { ConnectionsData } from '../hooks/useConnections';
import type { Connection, Envelope } from '../types';
import { ErrorAlert } from './ErrorAlert';
import { UNMOUNTED_WHEN_CLOSED } from './selectProps';

/** The Select's value for "no connection of its own": the server then sends it through the default. */
const DEFAULT = 'default';

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
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const chosen = connections.connectionFor(envelope.connectionId);
  const defaultConnection = connections.connectionFor(null);

  const choose = async (value: string | null) => {
    if (value === null) return;
    const connectionId = value === DEFAULT ? null : value;
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
        {chosen ? describe(chosen, connections) : envelope.connectionId ? 'A connection that was deleted since' : 'The default connection'}
      </Text>
    );
  }

  return (
    <Stack gap="xs">
      <Select
        label="Sent through"
        description="The provider account this envelope goes to. Choose another to send it elsewhere."
        data={[
          { value: DEFAULT, label: defaultConnection ? `The default connection (${defaultConnection.name})` : 'The default connection (none is set)' },
          ...connections.list.map((connection) => ({ value: connection.id, label: describe(connection, connections) })),
        ]}
        value={envelope.connectionId ?? DEFAULT}
        allowDeselect={false}
        disabled={saving || !connections.loaded}
        onChange={(value) => void choose(value)}
        comboboxProps={UNMOUNTED_WHEN_CLOSED}
      />
      {chosen?.health.status === 'error' && (
        <Text size="sm" c="red" role="note" className="break-anywhere">
          This connection did not work at its last check. Choose another one, or fix it in Settings, where its check says why.
        </Text>
      )}
      {error !== undefined && <ErrorAlert error={error} title="The connection was not changed" />}
    </Stack>
  );
}

/** "Name · Provider", and whether its last check failed. */
function describe(connection: Connection, connections: ConnectionsData): string {
  const provider = connections.providerOf(connection)?.name ?? connection.provider;
  return `${connection.name} · ${provider}${connection.health.status === 'error' ? ' (not working)' : ''}`;
}
