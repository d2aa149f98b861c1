import { useApiData } from './useApiData';
import type { Connection, ProviderCapabilities, ProviderEntry } from '../types';

/**
 * The connections and the provider catalog, read together: which connection an envelope goes
 * through (its own, or the default when it names none) and what that connection's provider can do.
 * `enabled` false reads nothing (a closed form).
 */
export function useConnections(enabled = true) {
  const connections = useApiData(enabled ? '/api/v1/connections' : null);
  const providers = useApiData(enabled ? '/api/v1/providers' : null);
  const list: Connection[] = connections.data?.data ?? [];
  const catalog: ProviderEntry[] = providers.data?.data ?? [];
  const providerOf = (connection: Connection | undefined): ProviderEntry | undefined => catalog.find((entry) => entry.id === connection?.provider);
  /** The connection an envelope with this `connectionId` is sent through: its own, else the default. */
  const connectionFor = (connectionId: string | null): Connection | undefined =>
    connectionId === null ? list.find((connection) => connection.isDefault) : list.find((connection) => connection.id === connectionId);
  const capabilitiesFor = (connectionId: string | null): ProviderCapabilities | undefined => providerOf(connectionFor(connectionId))?.capabilities;
  return {
    list,
    catalog,
    loaded: connections.data !== undefined && providers.data !== undefined,
    error: connections.error ?? providers.error,
    reload: () => Promise.all([connections.reload(), providers.reload()]).then(() => undefined),
    providerOf,
    connectionFor,
    capabilitiesFor,
  };
}

export type ConnectionsData = ReturnType<typeof useConnections>;
