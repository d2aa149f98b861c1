import { CountersignError } from '../domain/errors.js';
import type { ConnectionConfig } from './connection.js';
import type { ProviderDescriptor } from './descriptor.js';
import { PROVIDER_NAMES } from './ids.js';
import type { SignatureProvider } from './provider.js';
import type { ProviderRuntime } from './runtime.js';

/**
 * How the app turns a stored connection into an adapter: the registry is the list of provider
 * descriptors (descriptor.ts), and `createProvider` calls the connection's descriptor's `create`.
 */

export type { ConnectionConfig, ConnectionKeyPair } from './connection.js';

/** The providers this build ships: one descriptor each (providers/index.ts). */
export type ProviderRegistry = readonly ProviderDescriptor[];

/** The descriptor of `provider`, or undefined when this build cannot connect it. */
export function findProvider(registry: ProviderRegistry, provider: string): ProviderDescriptor | undefined {
  return registry.find((descriptor) => descriptor.id === provider);
}

/** Builds the adapter for `connection`, checking the descriptor's `create` kept the contract it claims. */
export async function createProvider(registry: ProviderRegistry, connection: ConnectionConfig, runtime: Partial<ProviderRuntime> = {}): Promise<SignatureProvider> {
  const descriptor = findProvider(registry, connection.provider);
  if (descriptor === undefined) {
    throw new CountersignError(
      'CONFIGURATION_INVALID',
      `Connection ${connection.id} uses ${PROVIDER_NAMES[connection.provider]}, which this Countersign build has no adapter for.`,
    );
  }
  const provider = await descriptor.create(connection, runtime);
  if (provider.contractVersion !== 1 || provider.id !== connection.provider) {
    throw new CountersignError(
      'CONFIGURATION_INVALID',
      `The ${connection.provider} descriptor created a "${String(provider.id)}" adapter of contract version ${String(provider.contractVersion)}; expected "${connection.provider}" version 1.`,
    );
  }
  return provider;
}
