import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { newId } from '../store/ids.js';
import { effectiveScopes, type Scope } from '../domain/roles.js';
import * as store from '../store/api-keys.js';
import { readSetting, writeSetting } from '../store/settings.js';
import { lockKey } from '../store/locking.js';
import { recordActionIn, type ActionRequest } from './action-request.js';
import { timestamp, type AppContext } from './context.js';
import { ENVIRONMENT_PRINCIPAL, type Principal } from './principal.js';

export { ENVIRONMENT_PRINCIPAL, principalHasScope, type Principal } from './principal.js';
export type { ApiKeyRecord } from '../store/api-keys.js';

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

export interface CreateApiKeyInput {
  name: string;
  /** Defaults to every scope the creator has now. */
  scopes?: Scope[];
}

/**
 * Creates a key for the person (or installation key) making the request. A key can never be given a
 * scope its creator lacks: the 422 names each one. The key acts for its creator's account, so it
 * also loses scopes later if that person is demoted (see `authenticate`).
 */
export async function createApiKey(context: AppContext, creator: Principal, input: CreateApiKeyInput, apiRequest?: ActionRequest): Promise<store.ApiKeyRecord & { secret: string }> {
  const requested = input.scopes ?? [...creator.scopes];
  const excess = requested.filter((scope) => !creator.scopes.includes(scope));
  if (excess.length > 0) {
    throw new ValidationError(
      excess.map((scope) => ({
        path: `scopes[${requested.indexOf(scope)}]`,
        message: `${scope} is beyond what you may do (${creator.role}); a key never exceeds the scopes of the person who creates it`,
      })),
    );
  }
  return context.db.transaction().execute(async (transaction) => {
    const key = await insertKey({ ...context, db: transaction }, input.name, creator.accountId, [...new Set(requested)]);
    await recordActionIn(context, transaction, apiRequest, { id: key.id, name: key.name });
    return key;
  });
}

async function insertKey(context: AppContext, name: string, accountId: string | null, scopes: Scope[] | null) {
  const secret = generateSecret();
  const record: store.ApiKeyRecord = {
    id: newId('key'),
    name,
    prefix: secret.slice(0, 12),
    createdAt: timestamp(context),
    lastUsedAt: null,
    revokedAt: null,
    accountId,
    scopes,
  };
  await store.insertApiKey(context.db, { ...record, secretHash: hashSecret(secret) });
  return { ...record, secret };
}

export function listApiKeys(context: AppContext): Promise<store.ApiKeyRecord[]> {
  return store.listApiKeys(context.db);
}

export async function revokeApiKey(context: AppContext, id: string, apiRequest?: ActionRequest): Promise<store.ApiKeyRecord> {
  const key = await store.findApiKey(context.db, id);
  if (!key) throw new NotFoundError('API key', id);
  if (!key.revokedAt) {
    await context.db.transaction().execute(async (transaction) => {
      await store.revokeApiKeyRow(transaction, id, timestamp(context));
      await recordActionIn(context, transaction, apiRequest, { name: key.name });
    });
  }
  return (await store.findApiKey(context.db, id))!;
}

/**
 * Finds who a bearer secret belongs to, or undefined. `environmentKeyHash` is the hash of
 * COUNTERSIGN_API_KEY when the operator set one. A key's scopes are cut down to what its person's
 * role grants *now*; a key of a person who was removed (or not yet activated) opens nothing.
 */
export async function authenticate(context: AppContext, secret: string, environmentKeyHash: string | undefined): Promise<Principal | undefined> {
  const hash = hashSecret(secret);
  if (environmentKeyHash && timingSafeEqual(Buffer.from(hash), Buffer.from(environmentKeyHash))) return ENVIRONMENT_PRINCIPAL;
  const key = await store.findApiKeyByHash(context.db, hash);
  if (!key || key.revokedAt) return undefined;
  if (key.accountId !== null && (key.account === null || key.account.status !== 'active')) return undefined;
  // Recorded at most once a minute per key, so reads do not turn into a write each.
  const at = timestamp(context);
  if (!key.lastUsedAt || Date.parse(at) - Date.parse(key.lastUsedAt) > 60_000) await store.touchApiKey(context.db, key.id, at);
  // Installation keys (no account) are owner-level.
  const role = key.account?.role ?? 'owner';
  return { id: key.id, name: key.name, kind: 'key', accountId: key.accountId, role, scopes: effectiveScopes(role, key.scopes) };
}

const BOOTSTRAP_SETTING = 'bootstrap_api_key_issued';

/**
 * On the very first start without COUNTERSIGN_API_KEY, issues an owner-level installation key (it
 * belongs to no account, so that it keeps working whoever the owner becomes) so that the API can be
 * used at all. Returns its secret to be shown once. Never issues a second one: an operator who
 * revoked every key sets COUNTERSIGN_API_KEY instead.
 */
export async function issueBootstrapKey(context: AppContext): Promise<string | undefined> {
  // Instances of one PostgreSQL store starting together: one of them issues it.
  return context.db.transaction().execute(async (db) => {
    await lockKey(db, BOOTSTRAP_SETTING);
    if ((await readSetting(db, BOOTSTRAP_SETTING)) !== undefined) return undefined;
    if ((await store.countApiKeys(db)) > 0) return undefined;
    const key = await insertKey({ ...context, db }, 'admin (created at first start)', null, null);
    await writeSetting(db, BOOTSTRAP_SETTING, key.id);
    return key.secret;
  });
}
