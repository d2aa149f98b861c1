import type { ProviderEntry } from '../api-client/types.js';

/**
 * What withdrawing means at a provider whose only cancellation is deleting (`withdrawDeletes`,
 * ConsignO Cloud): said before acting, in the words the web app's confirmation uses. `undefined` for
 * providers that withdraw without deleting.
 */
export function withdrawWarning(provider: Pick<ProviderEntry, 'name' | 'capabilities'>): string | undefined {
  if (!provider.capabilities.withdrawDeletes) return undefined;
  return `${provider.name} has no withdrawal: this deletes the workflow at ${provider.name}; signers' links stop working and its documents are gone there. The envelope is kept here as withdrawn.`;
}
