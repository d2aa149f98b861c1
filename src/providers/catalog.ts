import { PROVIDER_NAMES, type ProviderId } from './provider.js';

/**
 * What a person needs to know to connect each provider: its named environments and the credentials
 * its connection form asks for. The app and the UI read this; adapters read the same credential names
 * from `ConnectionConfig.credentials`.
 */
export type CredentialField = {
  readonly name: string;
  readonly label: string;
  /** Secret fields are encrypted at rest and never shown again. */
  readonly secret: boolean;
  readonly format?: 'email';
};

export type ProviderEntry = {
  readonly id: ProviderId;
  readonly name: string;
  /**
   * API roots by name. `sandbox` is the offline emulator this server hosts, stored as
   * `builtin:sandbox` and resolved at run time, since the server's own address can change.
   */
  readonly environments: Readonly<Record<string, string>>;
  readonly credentials: readonly CredentialField[];
  /** Countersign generates an RSA key pair whose public JWK the admin registers at the provider. */
  readonly keyPair: boolean;
  /** Where the built-in sandbox's API lives on this server. */
  readonly sandboxApiPath?: string;
  /** Where the built-in sandbox's own routes (Integration settings, mailbox) live on this server. */
  readonly sandboxPath?: string;
};

export const BUILTIN_SANDBOX = 'builtin:sandbox';

export const PROVIDER_CATALOG: Readonly<Partial<Record<ProviderId, ProviderEntry>>> = {
  autenti: {
    id: 'autenti',
    name: PROVIDER_NAMES.autenti,
    // Seed 000 §3.2: "Production and test are separate Autenti instances."
    environments: {
      production: 'https://api.autenti.com/api/v2/',
      test: 'https://api.accept.autenti.net/api/v2/',
      sandbox: BUILTIN_SANDBOX,
    },
    credentials: [
      { name: 'clientId', label: 'Client application ID', secret: false },
      { name: 'clientSecret', label: 'Client secret key', secret: true },
      { name: 'accountEmail', label: 'Autenti account email', secret: false, format: 'email' },
    ],
    keyPair: true,
    sandboxPath: '/sandbox/autenti',
    sandboxApiPath: '/sandbox/autenti/api/v2/',
  },
};
