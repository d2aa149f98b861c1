import { Select } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('envelope');
  const defaultConnection = connections.connectionFor(null);
  return (
    <Select
      label={label}
      description={description}
      data={[
        { value: DEFAULT, label: defaultConnection ? t('connection.defaultNamed', { name: defaultConnection.name }) : t('connection.defaultNone') },
        ...connections.list.map((connection) => ({ value: connection.id, label: describeConnection(connection, connections, t) })),
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
export function describeConnection(connection: Connection, connections: ConnectionsData, t: TFunction<'envelope'>): string {
  const provider = connections.providerOf(connection)?.name ?? connection.provider;
  return t(connection.health.status === 'error' ? 'connection.optionNotWorking' : 'connection.option', { name: connection.name, provider });
}
