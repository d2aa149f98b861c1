import type { Db } from './database.js';
import type { ConnectionsTable } from './schema.js';

/** A connection row as stored: secrets still sealed. Only src/app/connections.ts opens them. */
export interface StoredConnection {
  id: string;
  provider: string;
  name: string;
  baseUrl: string;
  sealedCredentials: string;
  keyId: string | null;
  publicJwk: Record<string, unknown> | null;
  sealedPrivateKey: string | null;
  sealedCallbackToken: string;
  isDefault: boolean;
  health: { status: string; detail: string | null; checkedAt: string | null };
  syncCursor: string | null;
  /** The connection's event subscription at the provider (src/app/connections.ts "event subscriptions"); all null: never attempted. */
  callbackSubscription: StoredCallbackSubscription;
  createdAt: string;
  updatedAt: string;
}

export type CallbackSubscriptionStatus = 'subscribed' | 'manual' | 'pending' | 'error';

export interface StoredCallbackSubscription {
  /** The provider's subscription id; kept while a replacement is pending so it can be removed then. */
  id: string | null;
  status: CallbackSubscriptionStatus | null;
  detail: string | null;
}

export const NO_CALLBACK_SUBSCRIPTION: StoredCallbackSubscription = { id: null, status: null, detail: null };

/** Every column, named: a select of `*` is never prepared on PostgreSQL (pg-prepared.ts), and the send reads its connection (whole-row-columns.test.ts). */
export const CONNECTION_COLUMNS = [
  'id', 'provider', 'name', 'base_url', 'credentials', 'key_id', 'public_jwk', 'private_key', 'callback_token', 'is_default', 'health_status',
  'health_detail', 'health_checked_at', 'sync_cursor', 'callback_subscription_id', 'callback_subscription_status', 'callback_subscription_detail',
  'created_at', 'updated_at',
] as const satisfies ReadonlyArray<keyof ConnectionsTable>;

function toConnection(row: ConnectionsTable): StoredConnection {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    baseUrl: row.base_url,
    sealedCredentials: row.credentials,
    keyId: row.key_id,
    publicJwk: row.public_jwk === null ? null : (JSON.parse(row.public_jwk) as Record<string, unknown>),
    sealedPrivateKey: row.private_key,
    sealedCallbackToken: row.callback_token,
    isDefault: Number(row.is_default) === 1,
    health: { status: row.health_status, detail: row.health_detail, checkedAt: row.health_checked_at },
    syncCursor: row.sync_cursor,
    callbackSubscription: {
      id: row.callback_subscription_id ?? null,
      status: (row.callback_subscription_status ?? null) as CallbackSubscriptionStatus | null,
      detail: row.callback_subscription_detail ?? null,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A new row; `callbackSubscription` defaults to never attempted. */
export async function insertConnection(
  db: Db,
  input: Omit<StoredConnection, 'callbackSubscription'> & { callbackSubscription?: StoredCallbackSubscription },
): Promise<void> {
  const connection = { callbackSubscription: NO_CALLBACK_SUBSCRIPTION, ...input };
  await db
    .insertInto('connections')
    .values({
      id: connection.id,
      provider: connection.provider,
      name: connection.name,
      base_url: connection.baseUrl,
      credentials: connection.sealedCredentials,
      key_id: connection.keyId,
      public_jwk: connection.publicJwk === null ? null : JSON.stringify(connection.publicJwk),
      private_key: connection.sealedPrivateKey,
      callback_token: connection.sealedCallbackToken,
      is_default: connection.isDefault ? 1 : 0,
      health_status: connection.health.status,
      health_detail: connection.health.detail,
      health_checked_at: connection.health.checkedAt,
      sync_cursor: connection.syncCursor,
      callback_subscription_id: connection.callbackSubscription.id,
      callback_subscription_status: connection.callbackSubscription.status,
      callback_subscription_detail: connection.callbackSubscription.detail,
      created_at: connection.createdAt,
      updated_at: connection.updatedAt,
    })
    .execute();
}

export type ConnectionChanges = Partial<
  Pick<StoredConnection, 'name' | 'baseUrl' | 'sealedCredentials' | 'keyId' | 'publicJwk' | 'sealedPrivateKey' | 'health' | 'syncCursor' | 'callbackSubscription'>
> & { updatedAt: string };

export async function updateConnectionRow(db: Db, id: string, changes: ConnectionChanges): Promise<void> {
  const values: Partial<ConnectionsTable> = { updated_at: changes.updatedAt };
  if (changes.name !== undefined) values.name = changes.name;
  if (changes.baseUrl !== undefined) values.base_url = changes.baseUrl;
  if (changes.sealedCredentials !== undefined) values.credentials = changes.sealedCredentials;
  if (changes.keyId !== undefined) values.key_id = changes.keyId;
  if (changes.publicJwk !== undefined) values.public_jwk = changes.publicJwk === null ? null : JSON.stringify(changes.publicJwk);
  if (changes.sealedPrivateKey !== undefined) values.private_key = changes.sealedPrivateKey;
  if (changes.syncCursor !== undefined) values.sync_cursor = changes.syncCursor;
  if (changes.callbackSubscription !== undefined) {
    values.callback_subscription_id = changes.callbackSubscription.id;
    values.callback_subscription_status = changes.callbackSubscription.status;
    values.callback_subscription_detail = changes.callbackSubscription.detail;
  }
  if (changes.health !== undefined) {
    values.health_status = changes.health.status;
    values.health_detail = changes.health.detail;
    values.health_checked_at = changes.health.checkedAt;
  }
  await db.updateTable('connections').set(values).where('id', '=', id).execute();
}

/** Makes one connection the default, and no other. */
export async function setDefaultConnection(db: Db, id: string): Promise<void> {
  await db.updateTable('connections').set({ is_default: 0 }).where('id', '!=', id).execute();
  await db.updateTable('connections').set({ is_default: 1 }).where('id', '=', id).execute();
}

export async function findConnection(db: Db, id: string): Promise<StoredConnection | undefined> {
  const row = await db.selectFrom('connections').select(CONNECTION_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toConnection(row);
}

export async function findDefaultConnection(db: Db): Promise<StoredConnection | undefined> {
  const row = await db.selectFrom('connections').select(CONNECTION_COLUMNS).where('is_default', '=', 1).executeTakeFirst();
  return row && toConnection(row);
}

export async function listConnections(db: Db): Promise<StoredConnection[]> {
  const rows = await db.selectFrom('connections').select(CONNECTION_COLUMNS).orderBy('id').execute();
  return rows.map(toConnection);
}

export async function deleteConnectionRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('connections').where('id', '=', id).execute();
}

/** Finished and draft envelopes keep their history when their connection goes: they just lose the link. */
export async function detachEnvelopes(db: Db, connectionId: string): Promise<void> {
  await db.updateTable('envelopes').set({ connection_id: null }).where('connection_id', '=', connectionId).execute();
}

/** Envelopes at the provider through this connection that are not finished yet. */
export async function countInFlightEnvelopes(db: Db, connectionId: string): Promise<number> {
  const row = await db
    .selectFrom('envelopes')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('connection_id', '=', connectionId)
    .where('status', 'in', ['sending', 'sent'])
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
