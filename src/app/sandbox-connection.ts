import { BUILTIN_SANDBOX } from '../providers/catalog.js';
import { listConnections } from '../store/connections.js';
import { readSetting, writeSetting } from '../store/settings.js';
import { callbackUrl, createConnection, loadConnection, verifyConnection } from './connections.js';
import type { AppContext } from './context.js';

const SETTING = 'sandbox_connection_created';

/**
 * The Integration settings of the built-in Autenti sandbox, as the server that mounts it offers them
 * in-process (main.ts adapts the sandbox's control to this). Its HTTP control routes are guarded, and
 * the server holds no credential for them: it does not need one to reach its own sandbox.
 */
export interface BuiltInSandboxSettings {
  createClient(input: { name: string }): Promise<{ clientId: string; clientSecret: string }>;
  setPublicKey(clientId: string, publicKey: unknown): Promise<void>;
  setCallbackUrl(clientId: string, url: string | null): Promise<void>;
}

/**
 * On a fresh install, connects to the built-in Autenti sandbox and makes it the default, so that a
 * newcomer can send an envelope offline at once. It takes the steps an administrator takes with the
 * real Autenti (seed 000 §3): create an API client in Integration settings, enter its id and secret
 * here, paste our public key there, set the callback URL. The adapter then talks to the sandbox's API
 * over HTTP like to any provider. Runs once per installation: a deleted sandbox connection is not recreated.
 */
export async function ensureSandboxConnection(context: AppContext, sandbox: BuiltInSandboxSettings): Promise<string | undefined> {
  if ((await readSetting(context.db, SETTING)) !== undefined) return undefined;
  if ((await listConnections(context.db)).length > 0) {
    await writeSetting(context.db, SETTING, 'skipped: connections existed');
    return undefined;
  }
  const client = await sandbox.createClient({ name: 'Countersign (built-in)' });
  const connection = await createConnection(context, {
    provider: 'autenti',
    name: 'Autenti sandbox (built-in)',
    baseUrl: 'sandbox',
    credentials: { clientId: client.clientId, clientSecret: client.clientSecret, accountEmail: 'sender@countersign.example' },
    makeDefault: true,
  });
  await sandbox.setPublicKey(client.clientId, connection.publicJwk);
  await sandbox.setCallbackUrl(client.clientId, callbackUrl(context, await loadConnection(context, connection.id)));
  // As an administrator would after pasting the key: check it, so the connection shows its health.
  await verifyConnection(context, connection.id);
  await writeSetting(context.db, SETTING, connection.id);
  context.logger.info({ connectionId: connection.id }, 'connected the built-in Autenti sandbox');
  return connection.id;
}

/**
 * When the sandboxes are off, the one line that says what that means for the default connection, if
 * it is the built-in sandbox (its envelopes cannot be sent or synced); else undefined.
 */
export async function builtInSandboxWarning(context: AppContext, reason: string): Promise<string | undefined> {
  const connection = (await listConnections(context.db)).find((candidate) => candidate.isDefault);
  if (!connection || connection.baseUrl !== BUILTIN_SANDBOX) return undefined;
  return (
    `The default connection ${connection.id} is the built-in Autenti sandbox, but sandboxes are off (${reason}): ` +
    'sending and syncing through it will fail. Set COUNTERSIGN_SANDBOXES=on, or make another connection the default.'
  );
}
