import type { Capabilities } from './capabilities.js';
import { credentialFields, type CredentialField, type ProviderDescriptor } from './descriptor.js';
import type { ProviderId } from './ids.js';

export { BUILTIN_SANDBOX, type CredentialField } from './descriptor.js';

/**
 * What a person (or the web app and CLI) needs to know to connect a provider, as
 * `GET /api/v1/providers` lists it: read from the provider's descriptor, never written twice.
 */
export type ProviderEntry = {
  readonly id: ProviderId;
  readonly name: string;
  /** API roots by name; `sandbox` is `builtin:sandbox`, this server's own emulator (see `sandboxApiPath`). */
  readonly environments: Readonly<Record<string, string>>;
  /** An API root as an administrator would type it, for the form's placeholder and prompts. */
  readonly urlExample: string;
  /** The connection form's fields, from the descriptor's credentials schema. */
  readonly credentials: CredentialField[];
  /** Countersign generates an RSA key pair whose public JWK the admin registers at the provider. */
  readonly keyPair: boolean;
  readonly capabilities: Capabilities;
  /** Where the built-in sandbox's own routes (Integration settings, mailbox) live on this server. */
  readonly sandboxPath?: string;
  /** Where the built-in sandbox's API lives on this server. */
  readonly sandboxApiPath?: string;
  /** The built-in sandbox's pages worth a link, by name (e.g. `integrationSettings`, `mailbox`), as paths on this server. */
  readonly sandboxPages?: Readonly<Record<string, string>>;
};

export function catalogEntry(descriptor: ProviderDescriptor): ProviderEntry {
  return {
    id: descriptor.id,
    name: descriptor.name,
    environments: descriptor.environments,
    urlExample: descriptor.urlExample,
    credentials: credentialFields(descriptor.credentials),
    keyPair: descriptor.keyPair,
    capabilities: descriptor.capabilities,
    ...(descriptor.sandbox
      ? {
          sandboxPath: descriptor.sandbox.mountPath,
          sandboxApiPath: `${descriptor.sandbox.mountPath}/${descriptor.sandbox.apiPath}`,
          sandboxPages: Object.fromEntries(Object.entries(descriptor.sandbox.pages).map(([name, page]) => [name, `${descriptor.sandbox!.mountPath}/${page}`])),
        }
      : {}),
  };
}

export function providerCatalog(registry: readonly ProviderDescriptor[]): ProviderEntry[] {
  return registry.map(catalogEntry);
}
