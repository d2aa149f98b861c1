import { Select } from '@mantine/core';
import type { ConnectionsData } from '../hooks/useConnections';
import type { Connection } from '../types';
import { UNMOUNTED_WHEN_CLOSED } from './selectProps';

/** The Select's value for "no connection of its own": the server then sends through the default. */
const DEFAULT = 'default';

/** A choice among the connections: the default (`null`), or a named one, each with its provider and whether it works. */
export function ConnectionSelect({
  connections,
  value,
  onChange,
  label,
  description,
  disabled = false,
}: {
  connections: ConnectionsData;
  value: string | null;
  onChange: (connectionId: string | null) => void;
  label: string;
  description: string;
  disabled?: boolean;
}) {
  const defaultConnection = connections.connectionFor(null);
  return (
    <Select
      label={label}
      description={description}
      data={[
        { value: DEFAULT, label: defaultConnection ? `The default connection (${defaultConnection.name})` : 'The default connection (none is set)' },
        ...connections.list.map((connection) => ({ value: connection.id, label: describeConnection(connection, connections) })),
      ]}
      value={value ?? DEFAULT}
      allowDeselect={false}
      disabled={disabled || !connections.loaded}
      onChange={(chosen) => onChange(chosen === null || chosen === DEFAULT ? null : chosen)}
      comboboxProps={UNMOUNTED_WHEN_CLOSED}
    />
  );
}

/** "Name · Provider", and whether its last check failed. */
export function describeConnection(connection: Connection, connections: ConnectionsData): string {
  const provider = connections.providerOf(connection)?.name ?? connection.provider;
  return `${connection.name} · ${provider}${connection.health.status === 'error' ? ' (not working)' : ''}`;
}
