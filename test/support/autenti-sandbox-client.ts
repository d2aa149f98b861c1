import { KeyObject, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { LOOPBACK_ALLOWED } from '../../src/net/outbound-guard.js';
import type { ConnectionConfig } from '../../src/providers/registry.js';
import type { SandboxControl } from './sandbox-control.js';

/**
 * What the connector guide has an admin do in Autenti's Integration settings, through a standalone
 * Autenti sandbox's control routes: add an API client (with `scopes` when given), register a fresh
 * RSA public key for it, and return the connection Countersign would hold for it.
 */
export async function registerAutentiSandboxClient(
  control: SandboxControl,
  sandboxUrl: string,
  options: { connectionId: string; name: string; scopes?: string[]; emailDomain: string },
): Promise<{ clientId: string; connection: ConnectionConfig }> {
  const client = await control<{ clientId: string; clientSecret: string }>('POST', '/clients', {
    name: options.name,
    ...(options.scopes && options.scopes.length > 0 ? { scopes: options.scopes } : {}),
  });
  const keys = await generateKeyPair('RS256', { extractable: true });
  const keyId = `key-${randomUUID()}`;
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: keyId, alg: 'RS256', use: 'sig' };
  await control('PUT', `/clients/${client.clientId}/public-key`, publicJwk);
  const connection: ConnectionConfig = {
    id: options.connectionId,
    provider: 'autenti',
    baseUrl: `${sandboxUrl}/api/v2/`,
    credentials: { clientId: client.clientId, clientSecret: client.clientSecret, accountEmail: `sender-${randomUUID().slice(0, 8)}@${options.emailDomain}` },
    keyPair: { keyId, algorithm: 'RS256', publicJwk, privateKey: async () => KeyObject.from(keys.privateKey) },
    // The sandbox listens on loopback: opened explicitly, as an operator would with COUNTERSIGN_ALLOW_PRIVATE_URLS.
    outbound: { allow: LOOPBACK_ALLOWED },
  };
  return { clientId: client.clientId, connection };
}
