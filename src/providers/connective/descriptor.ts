import { Type } from 'typebox';
import { BUILTIN_SANDBOX, defineProvider } from '../descriptor.js';
import { PROVIDER_NAMES } from '../ids.js';
import { CONNECTIVE_CAPABILITIES } from './capabilities.js';
import { connectiveSandboxDescriptor } from './sandbox.js';

/**
 * Connective eSignatures as Countersign knows it: the one line providers/index.ts registers. The
 * credentials are those of seed 001 "Creating a connection" (an API user's name and password) and the
 * optional package initiator, in Connective's words.
 */
export const ConnectiveCredentialsSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200, title: 'API username' }),
    password: Type.String({ minLength: 1, maxLength: 500, title: 'API password', writeOnly: true }),
    initiator: Type.Optional(Type.String({ minLength: 1, maxLength: 254, format: 'email', title: 'Package initiator' })),
  },
  { additionalProperties: false },
);

export const connectiveProvider = defineProvider({
  id: 'connective',
  name: PROVIDER_NAMES.connective,
  // Connective runs one environment per customer (seed 001: "URL to your Connective eSignatures
  // environment, eg. esignatures.connective.eu"): there is no public production URL to name, so the
  // admin gives theirs (the host alone is enough; the adapter adds /webportalapi/v3/).
  environments: { sandbox: BUILTIN_SANDBOX },
  urlExample: 'https://esignatures.connective.eu/webportalapi/v3/',
  credentials: ConnectiveCredentialsSchema,
  keyPair: false,
  capabilities: CONNECTIVE_CAPABILITIES,
  // The adapter's modules (HTTP client, answer schemas) load at the first connection that needs them.
  create: async (connection, runtime = {}) => (await import('./index.js')).createConnectiveProvider(connection, { runtime }),
  sandbox: connectiveSandboxDescriptor,
});
