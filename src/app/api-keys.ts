import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { NotFoundError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import * as store from '../store/api-keys.js';
import { readSetting, writeSetting } from '../store/settings.js';
import { timestamp, type AppContext } from './context.js';

/** Who made a request: an API key from the database, or the operator's key from the environment. */
export interface Principal {
  id: string;
  name: string;
}

export const ENVIRONMENT_PRINCIPAL: Principal = { id: 'env', name: 'COUNTERSIGN_API_KEY' };

/**
 * Keys are 32 random bytes: `csk_` + base64url. Being random, a plain SHA-256 is a safe way to keep
 * them (no dictionary to try), and lets a request find its key with one indexed lookup.
 */
function generateSecret(): string {
  return `csk_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export async function createApiKey(context: AppContext, name: string): Promise<store.ApiKeyRecord & { secret: string }> {
  const secret = generateSecret();
  const record: store.ApiKeyRecord = {
    id: newId('key'),
    name,
    prefix: secret.slice(0, 12),
    createdAt: timestamp(context),
    lastUsedAt: null,
    revokedAt: null,
  };
  await store.insertApiKey(context.db, { ...record, secretHash: hashSecret(secret) });
  return { ...record, secret };
}

export function listApiKeys(context: AppContext): Promise<store.ApiKeyRecord[]> {
  return store.listApiKeys(context.db);
}

export async function revokeApiKey(context: AppContext, id: string): Promise<store.ApiKeyRecord> {
  const key = await store.findApiKey(context.db, id);
  if (!key) throw new NotFoundError('API key', id);
  if (!key.revokedAt) await store.revokeApiKeyRow(context.db, id, timestamp(context));
  return (await store.findApiKey(context.db, id))!;
}

/**
 * Finds who a bearer secret belongs to, or undefined. `environmentKeyHash` is the hash of
 * COUNTERSIGN_API_KEY when the operator set one.
 */
export async function authenticate(context: AppContext, secret: string, environmentKeyHash: string | undefined): Promise<Principal | undefined> {
  const hash = hashSecret(secret);
  if (environmentKeyHash && timingSafeEqual(Buffer.from(hash), Buffer.from(environmentKeyHash))) return ENVIRONMENT_PRINCIPAL;
  const key = await store.findApiKeyByHash(context.db, hash);
  if (!key || key.revokedAt) return undefined;
  // Recorded at most once a minute per key, so reads do not turn into a write each.
  const at = timestamp(context);
  if (!key.lastUsedAt || Date.parse(at) - Date.parse(key.lastUsedAt) > 60_000) await store.touchApiKey(context.db, key.id, at);
  return { id: key.id, name: key.name };
}

const BOOTSTRAP_SETTING = 'bootstrap_api_key_issued';

/**
 * On the very first start without COUNTERSIGN_API_KEY, issues an admin key so that the API can be
 * used at all. Returns its secret to be shown once. Never issues a second one: an operator who
 * revoked every key sets COUNTERSIGN_API_KEY instead.
 */
export async function issueBootstrapKey(context: AppContext): Promise<string | undefined> {
  if ((await readSetting(context.db, BOOTSTRAP_SETTING)) !== undefined) return undefined;
  if ((await store.countApiKeys(context.db)) > 0) return undefined;
  const key = await createApiKey(context, 'admin (created at first start)');
  await writeSetting(context.db, BOOTSTRAP_SETTING, key.id);
  return key.secret;
}
