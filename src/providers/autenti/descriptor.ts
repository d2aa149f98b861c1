import { Type } from 'typebox';
import { BUILTIN_SANDBOX, defineProvider } from '../descriptor.js';
import { PROVIDER_NAMES } from '../ids.js';
import { AUTENTI_CAPABILITIES } from './capabilities.js';
import { autentiSandboxDescriptor } from './sandbox.js';

/**
 * Autenti as Countersign knows it: the one line providers/index.ts registers. The credentials are the
 * ones the connector guide has an administrator enter (seed 000 §3.2–3.3): the API client's id and
 * secret from Autenti's Integration settings, and the account the client acts for; Countersign adds
 * the RSA key pair whose public JWK is pasted back there (`keyPair`).
 */
export const AutentiCredentialsSchema = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 200, title: 'Client application ID' }),
    clientSecret: Type.String({ minLength: 1, maxLength: 500, title: 'Client secret key', writeOnly: true }),
    accountEmail: Type.String({ minLength: 1, maxLength: 254, format: 'email', title: 'Autenti account email' }),
    // Not a secret: the JWT bearer assertion's `aud` (auth.ts). Production Autenti expects "autenti.com",
    // the default; a tenant that names another audience sets it here.
    assertionAudience: Type.Optional(Type.String({ minLength: 1, maxLength: 500, title: 'JWT audience (leave empty for autenti.com)' })),
  },
  { additionalProperties: false },
);

export const autentiProvider = defineProvider({
  id: 'autenti',
  name: PROVIDER_NAMES.autenti,
  // Seed 000 §3.2: "Production and test are separate Autenti instances."
  environments: {
    production: 'https://api.autenti.com/api/v2/',
    test: 'https://api.accept.autenti.net/api/v2/',
    sandbox: BUILTIN_SANDBOX,
  },
  urlExample: 'https://api.autenti.com/api/v2/',
  credentials: AutentiCredentialsSchema,
  keyPair: true,
  capabilities: AUTENTI_CAPABILITIES,
  // The adapter's modules (HTTP client, answer schemas, JWT signing) load at the first connection that needs them.
  create: async (connection, runtime = {}) => (await import('./index.js')).createAutentiProvider(connection, { runtime }),
  sandbox: autentiSandboxDescriptor,
});
