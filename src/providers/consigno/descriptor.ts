import { Type } from 'typebox';
import { BUILTIN_SANDBOX, defineProvider } from '../descriptor.js';
import { PROVIDER_NAMES } from '../ids.js';
import { CONSIGNO_CAPABILITIES } from './capabilities.js';
import { consignoSandboxDescriptor } from './sandbox.js';

/**
 * ConsignO Cloud as Countersign knows it: the one line providers/index.ts registers. The credentials
 * are an API user's key and secret (references README: `POST /auth/login {username, password}`), and
 * optionally the platform's for "login as" (`X-Client-Id` / `X-Client-Secret`), both or neither.
 */
export const ConsignoCredentialsSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200, title: 'Username (API key)' }),
    password: Type.String({ minLength: 1, maxLength: 500, title: 'Password (API secret)', writeOnly: true }),
    clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, title: 'Login as: platform client id' })),
    clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500, title: 'Login as: platform client secret', writeOnly: true })),
  },
  { additionalProperties: false },
);

export const consignoProvider = defineProvider({
  id: 'consigno',
  name: PROVIDER_NAMES.consigno,
  // ConsignO Cloud runs per tenant and documents no public production host: the admin gives theirs.
  environments: { sandbox: BUILTIN_SANDBOX },
  urlExample: 'https://consigno.example.com/api/v1',
  credentials: ConsignoCredentialsSchema,
  keyPair: false,
  capabilities: CONSIGNO_CAPABILITIES,
  // The adapter's modules (HTTP client, answer schemas) load at the first connection that needs them.
  create: async (connection, runtime = {}) => (await import('./index.js')).createConsignoProvider(connection, { runtime }),
  sandbox: consignoSandboxDescriptor,
});
