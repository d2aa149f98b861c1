import type { Role, Scope } from '../domain/roles.js';
import type { Db } from './database.js';
import type { ApiKeysTable } from './schema.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** The first characters of the key, enough for a person to tell keys apart; never the secret. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** The account the key acts for; null for an installation key (owner-level, see src/app/api-keys.ts). */
  accountId: string | null;
  /** The scopes given at creation; null for keys made before scopes existed (every scope the role grants). */
  scopes: Scope[] | null;
}

/** A key with what is needed to judge a request made with it. */
export interface ApiKeyWithAccount extends ApiKeyRecord {
  account: { email: string; role: Role; status: string } | null;
}

/** Every column, named: a select of `*` is never prepared on PostgreSQL (pg-prepared.ts), and every request made with a stored key reads the key (whole-row-columns.test.ts). */
export const API_KEY_COLUMNS = ['id', 'name', 'prefix', 'secret_hash', 'created_at', 'last_used_at', 'revoked_at', 'account_id', 'scopes'] as const satisfies ReadonlyArray<keyof ApiKeysTable>;

function toApiKey(row: ApiKeysTable): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    accountId: row.account_id,
    scopes: row.scopes === null ? null : (JSON.parse(row.scopes) as Scope[]),
  };
}

export async function insertApiKey(db: Db, key: ApiKeyRecord & { secretHash: string }): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      secret_hash: key.secretHash,
      created_at: key.createdAt,
      last_used_at: null,
      revoked_at: null,
      account_id: key.accountId,
      scopes: key.scopes === null ? null : JSON.stringify(key.scopes),
    })
    .execute();
}

/** The key with its account in one query: every API request asks. */
export async function findApiKeyByHash(db: Db, secretHash: string): Promise<ApiKeyWithAccount | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .leftJoin('accounts', 'accounts.id', 'api_keys.account_id')
    .select(API_KEY_COLUMNS.map((column) => `api_keys.${column}` as const))
    .select(['accounts.email as account_email', 'accounts.role as account_role', 'accounts.status as account_status'])
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { account_email, account_role, account_status, ...key } = row;
  return {
    ...toApiKey(key),
    account: account_email === null ? null : { email: account_email, role: account_role as Role, status: account_status! },
  };
}

export async function findApiKey(db: Db, id: string): Promise<ApiKeyRecord | undefined> {
  const row = await db.selectFrom('api_keys').select(API_KEY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toApiKey(row);
}

export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom('api_keys').select(API_KEY_COLUMNS).orderBy('id').execute();
  return rows.map(toApiKey);
}

export async function countApiKeys(db: Db): Promise<number> {
  const row = await db.selectFrom('api_keys').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function revokeApiKeyRow(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** When a person is removed, every key of theirs stops working. */
export async function revokeApiKeysOfAccount(db: Db, accountId: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
}

export async function touchApiKey(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}
