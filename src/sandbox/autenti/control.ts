import { createClient, parseCallbackUrl, parsePublicKeys } from './clients.js';
import type { SandboxContext } from './context.js';
import { problems } from './problems.js';

/**
 * Who may drive the sandbox. Its control routes (`/_sandbox/…` but the signing pages, the Integration
 * settings page, and in a guarded sandbox the authorization endpoint, which plays Autenti's login page)
 * act on every account's documents, so a sandbox that others can reach guards them (issue 7). The
 * participants' signing pages are not control routes: each is reached by its unguessable
 * per-invitation link alone, as a real invitation email would be.
 */

export { controlHook, grantOf, type ControlGrant, type ControlGuard } from '../control-guard.js';

/**
 * The Integration settings operations for the program that mounts the sandbox, without HTTP: the
 * server provisions its built-in connection through this instead of calling its own control routes.
 */
export interface AutentiSandboxControl {
  /** Adds a client application (as the Integration settings page does); the secret is returned once. */
  createClient(input: { name: string; scopes?: string[] }): Promise<{ clientId: string; clientSecret: string }>;
  /** Registers the public JWK (or JWKS) that the client's JWT-bearer assertions are checked against. */
  setPublicKey(clientId: string, publicKey: unknown): Promise<void>;
  /** Sets (or with null removes) the URL the sandbox calls back on every event of the client's processes. */
  setCallbackUrl(clientId: string, url: string | null): Promise<void>;
}

export function createProgrammaticControl(context: SandboxContext): AutentiSandboxControl {
  const requireClient = (clientId: string) => {
    const client = context.store.getClient(clientId);
    if (!client) throw problems.notFound(`No client application ${clientId}.`);
    return client;
  };
  return {
    async createClient({ name, scopes }) {
      const { client, clientSecret } = createClient(context.store, { name, ...(scopes ? { scopes } : {}), now: context.now(), byAdministrator: true });
      return { clientId: client.clientId, clientSecret };
    },
    async setPublicKey(clientId, publicKey) {
      const client = requireClient(clientId);
      const parsed = await parsePublicKeys(publicKey);
      context.store.putClient({ ...client, publicKeys: parsed.keys, publicKeyFormat: parsed.format });
    },
    async setCallbackUrl(clientId, url) {
      context.store.putClient({ ...requireClient(clientId), callbackUrl: parseCallbackUrl(url, context.callbacks.checkUrl) });
    },
  };
}
