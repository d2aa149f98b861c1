import { PROVIDER_CATALOG } from '../providers/catalog.js';
import { listConnections } from '../store/connections.js';
import { readSetting, writeSetting } from '../store/settings.js';
import { callbackUrl, createConnection, loadConnection, verifyConnection } from './connections.js';
import type { AppContext } from './context.js';

const SETTING = 'sandbox_connection_created';

/**
 * On a fresh install, connects to the built-in Autenti sandbox and makes it the default, so that a
 * newcomer can send an envelope offline at once. It goes through the same steps an administrator
 * takes with the real Autenti (seed 000 §3): create an API client in Integration settings, enter its
 * id and secret here, paste our public key there — only done over HTTP by the server itself.
 * Runs once per installation: a deleted sandbox connection is not recreated.
 */
export async function ensureSandboxConnection(context: AppContext): Promise<string | undefined> {
  if ((await readSetting(context.db, SETTING)) !== undefined) return undefined;
  if ((await listConnections(context.db)).length > 0) {
    await writeSetting(context.db, SETTING, 'skipped: connections existed');
    return undefined;
  }
  const sandbox = `${context.selfUrl()}${PROVIDER_CATALOG.autenti!.sandboxPath}`;
  const client = await sandboxCall<{ clientId: string; clientSecret: string }>('POST', `${sandbox}/_sandbox/clients`, { name: 'Countersign (built-in)' });
  const connection = await createConnection(context, {
    provider: 'autenti',
    name: 'Autenti sandbox (built-in)',
    baseUrl: 'sandbox',
    credentials: { clientId: client.clientId, clientSecret: client.clientSecret, accountEmail: 'sender@countersign.example' },
    makeDefault: true,
  });
  await sandboxCall('PUT', `${sandbox}/_sandbox/clients/${encodeURIComponent(client.clientId)}/public-key`, connection.publicJwk);
  await sandboxCall('PUT', `${sandbox}/_sandbox/clients/${encodeURIComponent(client.clientId)}/callback`, {
    url: callbackUrl(context, await loadConnection(context, connection.id)),
  });
  // As an administrator would after pasting the key: check it, so the connection shows its health.
  await verifyConnection(context, connection.id);
  await writeSetting(context.db, SETTING, connection.id);
  context.logger.info({ connectionId: connection.id }, 'connected the built-in Autenti sandbox');
  return connection.id;
}

async function sandboxCall<T = unknown>(method: string, url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`The built-in sandbox answered ${response.status} to ${method} ${new URL(url).pathname}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
