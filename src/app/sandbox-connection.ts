import { BUILTIN_SANDBOX } from '../providers/descriptor.js';
import { PROVIDER_NAMES, type ProviderId } from '../providers/ids.js';
import { listConnections } from '../store/connections.js';
import { readSetting, writeSetting } from '../store/settings.js';
import { callbackUrl, createConnection, loadConnection, verifyConnection } from './connections.js';
import type { AppContext } from './context.js';

const SETTING = 'sandbox_connection_created';

/** A connection made to a built-in sandbox. */
export interface SandboxConnectionMade {
  provider: ProviderId;
  connectionId: string;
}

/**
 * On a fresh install, connects to every built-in sandbox the server mounts (the registry's
 * descriptors with a `sandbox`), the first as the default, so that a newcomer can send an envelope
 * offline at once. Each descriptor's `provision` takes the steps an administrator takes with the real
 * provider, through the sandbox's in-process control (`controls`, from the server that mounted it:
 * its HTTP control routes are guarded, and the server holds no credential for them). The adapters then
 * talk to the sandboxes' APIs over HTTP like to any provider. Runs once per installation: a deleted
 * sandbox connection is not recreated.
 */
export async function ensureSandboxConnections(context: AppContext, controls: ReadonlyMap<ProviderId, unknown>): Promise<SandboxConnectionMade[]> {
  if ((await readSetting(context.db, SETTING)) !== undefined) return [];
  if ((await listConnections(context.db)).length > 0) {
    await writeSetting(context.db, SETTING, 'skipped: connections existed');
    return [];
  }
  const made: SandboxConnectionMade[] = [];
  for (const descriptor of context.providers) {
    const control = controls.get(descriptor.id);
    if (!descriptor.sandbox || control === undefined) continue;
    let connectionId: string | undefined;
    await descriptor.sandbox.provision(control, async ({ name, credentials }) => {
      const connection = await createConnection(context, { provider: descriptor.id, name, baseUrl: 'sandbox', credentials, makeDefault: made.length === 0 });
      connectionId = connection.id;
      return { id: connection.id, publicJwk: connection.publicJwk, callbackUrl: callbackUrl(context, await loadConnection(context, connection.id)) };
    });
    if (connectionId === undefined) continue;
    // As an administrator would after registering the key: check it, so the connection shows its health.
    await verifyConnection(context, connectionId);
    made.push({ provider: descriptor.id, connectionId });
    context.logger.info({ connectionId, provider: descriptor.id }, `connected the built-in ${descriptor.name} sandbox`);
  }
  await writeSetting(context.db, SETTING, made.map((connection) => connection.connectionId).join(',') || 'none: no sandbox mounted');
  return made;
}

/**
 * When the sandboxes are off, the one line that says what that means for the default connection, if
 * it is a built-in sandbox (its envelopes cannot be sent or synced); else undefined.
 */
export async function builtInSandboxWarning(context: AppContext, reason: string): Promise<string | undefined> {
  const connection = (await listConnections(context.db)).find((candidate) => candidate.isDefault);
  if (!connection || connection.baseUrl !== BUILTIN_SANDBOX) return undefined;
  const name = PROVIDER_NAMES[connection.provider as ProviderId] ?? connection.provider;
  return (
    `The default connection ${connection.id} is the built-in ${name} sandbox, but sandboxes are off (${reason}): ` +
    'sending and syncing through it will fail. Set COUNTERSIGN_SANDBOXES=on, or make another connection the default.'
  );
}
