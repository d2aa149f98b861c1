import { createAutentiProvider } from './autenti/index.js';
import type { ProviderRegistry } from './registry.js';

/**
 * The provider adapters this build ships, by provider id (STYLE point 4: each provider folder
 * exports one factory). The app turns a stored connection into an adapter with
 * `createProvider(providerRegistry, connection)` (registry.ts).
 */
export const providerRegistry: ProviderRegistry = {
  autenti: createAutentiProvider,
};
