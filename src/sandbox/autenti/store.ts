import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ProcessStatus, SandboxEvent, StoredFile, StoredProcess } from './model.js';

/**
 * The sandbox's own SQLite file (`<dataDir>/sandbox/autenti.sqlite`). Entities are kept as JSON
 * documents with the few columns that queries need; the sandbox is small and single-process.
 */

/** A registered client application (seed 003 "Getting access to the API"; seed 000 §3.1, §3.3). */
export interface ClientRecord {
  clientId: string;
  name: string;
  /** SHA-256 hex of the secret: the secret itself is shown once and never again (seed 003). */
  secretHash: string;
  redirectUris: string[];
  scopes: string[];
  /** Public JWKs (private members never stored, seed 000 §3.3). */
  publicKeys: Record<string, unknown>[];
  /** `jwk` when a single key was pasted, `jwks` for a set (then assertions are matched by `kid`). */
  publicKeyFormat: 'jwk' | 'jwks' | null;
  callbackUrl: string | null;
  createdAt: string;
  /**
   * The only account this client may act as, for a client registered through the API with a bootstrap
   * token (`POST /api/v2/clients`): the account that obtained that token. Absent for clients an
   * administrator added through a control route, which act for the accounts the administrator names.
   */
  ownerAccount?: string;
}

/** An event subscription of a client application (`POST /applications/callbacks`, live Autenti). */
export interface SubscriptionRecord {
  id: string;
  clientId: string;
  callbackAdapterId: string;
  callbackParameters: { callbackUrl: string };
  createdAt: string;
}

/** An account that signs in with a password (the password grant), registered through `/_sandbox/accounts`. */
export interface AccountRecord {
  email: string;
  /** scrypt, `salt:hash` in base64url. */
  passwordHash: string;
  createdAt: string;
}

/** An authorization code waiting to be exchanged (single use, 10 minutes). */
export interface AuthorizationCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  account: string;
  scope: string;
  expiresAt: number;
}

/** The query of `GET /document-processes`, for one account. */
export interface ListFilter {
  account: string;
  status?: ProcessStatus;
  modifiedAfter?: string;
  limit: number;
  offset: number;
}

export type SandboxStore = ReturnType<typeof openStore>;

/** Opens (and creates) the sandbox database under `<dataDir>/sandbox/`. */
export function openStore(dataDir: string) {
  const folder = join(dataDir, 'sandbox');
  mkdirSync(folder, { recursive: true });
  const db = new Database(join(folder, 'autenti.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS accounts (email TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS used_assertions (client_id TEXT NOT NULL, jti TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (client_id, jti));
    CREATE TABLE IF NOT EXISTS authorization_codes (code TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS used_refresh_tokens (jti TEXT PRIMARY KEY, used_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS processes (
      id TEXT PRIMARY KEY, owner_email TEXT NOT NULL, status TEXT NOT NULL, modified_at TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS processes_modified ON processes (modified_at, id);
    CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY, process_id TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS files_process ON files (process_id, position);
    CREATE TABLE IF NOT EXISTS subscriptions (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS subscriptions_client ON subscriptions (client_id);
    CREATE TABLE IF NOT EXISTS sms_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, phone TEXT NOT NULL, text TEXT NOT NULL, sent_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, process_id TEXT NOT NULL, data TEXT NOT NULL);
  `);

  const statements = {
    kvGet: db.prepare('SELECT value FROM kv WHERE key = ?'),
    kvSet: db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    clientGet: db.prepare('SELECT data FROM clients WHERE client_id = ?'),
    clientAll: db.prepare('SELECT data FROM clients ORDER BY rowid'),
    clientPut: db.prepare('INSERT INTO clients (client_id, data) VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET data = excluded.data'),
    accountGet: db.prepare('SELECT data FROM accounts WHERE email = ?'),
    accountAll: db.prepare('SELECT data FROM accounts ORDER BY email'),
    accountPut: db.prepare('INSERT INTO accounts (email, data) VALUES (?, ?) ON CONFLICT (email) DO UPDATE SET data = excluded.data'),
    jtiPurge: db.prepare('DELETE FROM used_assertions WHERE expires_at < ?'),
    jtiInsert: db.prepare('INSERT OR IGNORE INTO used_assertions (client_id, jti, expires_at) VALUES (?, ?, ?)'),
    codeInsert: db.prepare('INSERT INTO authorization_codes (code, data) VALUES (?, ?)'),
    codeTake: db.prepare('DELETE FROM authorization_codes WHERE code = ? RETURNING data'),
    refreshUse: db.prepare('INSERT OR IGNORE INTO used_refresh_tokens (jti, used_at) VALUES (?, ?)'),
    processGet: db.prepare('SELECT data FROM processes WHERE id = ?'),
    processAll: db.prepare('SELECT data FROM processes ORDER BY modified_at, id'),
    processPut: db.prepare(
      `INSERT INTO processes (id, owner_email, status, modified_at, data) VALUES (@id, @owner, @status, @modified, @data)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, modified_at = excluded.modified_at, data = excluded.data`,
    ),
    processBySigningToken: db.prepare(
      `SELECT processes.data FROM processes, json_each(processes.data, '$.parties') AS party
       WHERE json_extract(party.value, '$.signingToken') = ?`,
    ),
    fileGet: db.prepare('SELECT data FROM files WHERE id = ? AND process_id = ?'),
    fileList: db.prepare('SELECT data FROM files WHERE process_id = ? ORDER BY position, rowid'),
    filePut: db.prepare(
      'INSERT INTO files (id, process_id, position, data) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, position = excluded.position',
    ),
    fileDelete: db.prepare('DELETE FROM files WHERE id = ? AND process_id = ?'),
    subscriptionPut: db.prepare('INSERT INTO subscriptions (id, client_id, data) VALUES (?, ?, ?)'),
    subscriptionList: db.prepare('SELECT data FROM subscriptions WHERE client_id = ? ORDER BY rowid'),
    subscriptionDelete: db.prepare('DELETE FROM subscriptions WHERE id = ? AND client_id = ?'),
    smsInsert: db.prepare('INSERT INTO sms_outbox (phone, text, sent_at) VALUES (?, ?, ?)'),
    smsList: db.prepare('SELECT phone, text, sent_at AS sentAt FROM sms_outbox WHERE (@phone IS NULL OR phone = @phone) ORDER BY seq DESC LIMIT 100'),
    eventInsert: db.prepare('INSERT INTO events (process_id, data) VALUES (?, ?)'),
    eventList: db.prepare('SELECT data FROM events WHERE process_id = ? ORDER BY seq'),
  };

  const parse = <T>(row: unknown): T | undefined => (row ? (JSON.parse((row as { data: string }).data) as T) : undefined);

  return {
    db,
    /** The sandbox's own files (uploads and signed output). */
    filesDir: join(folder, 'autenti-files'),
    caDir: join(folder, 'ca'),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),

    getSetting(key: string): string | undefined {
      return (statements.kvGet.get(key) as { value: string } | undefined)?.value;
    },
    setSetting(key: string, value: string): void {
      statements.kvSet.run(key, value);
    },

    getClient: (clientId: string) => parse<ClientRecord>(statements.clientGet.get(clientId)),
    listClients: () => (statements.clientAll.all() as { data: string }[]).map((row) => JSON.parse(row.data) as ClientRecord),
    putClient(client: ClientRecord): void {
      statements.clientPut.run(client.clientId, JSON.stringify(client));
    },

    getAccount: (email: string) => parse<AccountRecord>(statements.accountGet.get(email)),
    listAccounts: () => (statements.accountAll.all() as { data: string }[]).map((row) => JSON.parse(row.data) as AccountRecord),
    putAccount(account: AccountRecord): void {
      statements.accountPut.run(account.email, JSON.stringify(account));
    },

    /** Records an assertion's `jti`; false when the client already used it (RFC 7523 §3, replay). */
    useAssertionJti(clientId: string, jti: string, expiresAtMs: number, nowMs: number): boolean {
      statements.jtiPurge.run(nowMs);
      return statements.jtiInsert.run(clientId, jti, expiresAtMs).changes === 1;
    },
    putAuthorizationCode(record: AuthorizationCodeRecord): void {
      statements.codeInsert.run(record.code, JSON.stringify(record));
    },
    /** Codes are single-use: taking one deletes it. */
    takeAuthorizationCode: (code: string) => parse<AuthorizationCodeRecord>(statements.codeTake.get(code)),
    /** Refresh tokens rotate: false when this one was already exchanged. */
    useRefreshToken(jti: string, at: string): boolean {
      return statements.refreshUse.run(jti, at).changes === 1;
    },

    getProcess: (id: string) => parse<StoredProcess>(statements.processGet.get(id)),
    /** Every account's processes, for the control routes (the API lists one account's). */
    listAllProcesses: () => (statements.processAll.all() as { data: string }[]).map((row) => JSON.parse(row.data) as StoredProcess),
    getProcessBySigningToken: (token: string) => parse<StoredProcess>(statements.processBySigningToken.get(token)),
    putProcess(process: StoredProcess): void {
      statements.processPut.run({
        id: process.id,
        owner: process.ownerEmail,
        status: process.status,
        modified: process.modifiedAt,
        data: JSON.stringify(process),
      });
    },
    /**
     * The processes an account sees (seed 003 "Access constraints when accessing documents' list"):
     * those it sent, and those past DRAFT where it is a party. Ordered by modifiedAt, then id.
     */
    listProcesses(filter: ListFilter): StoredProcess[] {
      const clauses = [
        `(owner_email = @account OR (status <> 'DRAFT' AND EXISTS (
           SELECT 1 FROM json_each(processes.data, '$.parties') AS party WHERE json_extract(party.value, '$.email') = @account)))`,
      ];
      if (filter.status) clauses.push('status = @status');
      if (filter.modifiedAfter) clauses.push('modified_at > @modifiedAfter');
      const rows = db
        .prepare(`SELECT data FROM processes WHERE ${clauses.join(' AND ')} ORDER BY modified_at, id LIMIT @limit OFFSET @offset`)
        .all({ account: filter.account, status: filter.status, modifiedAfter: filter.modifiedAfter, limit: filter.limit, offset: filter.offset });
      return (rows as { data: string }[]).map((row) => JSON.parse(row.data) as StoredProcess);
    },

    getFile: (processId: string, fileId: string) => parse<StoredFile>(statements.fileGet.get(fileId, processId)),
    listFiles: (processId: string) => (statements.fileList.all(processId) as { data: string }[]).map((row) => JSON.parse(row.data) as StoredFile),
    putFile(file: StoredFile): void {
      statements.filePut.run(file.id, file.processId, file.position, JSON.stringify(file));
    },
    deleteFile(processId: string, fileId: string): void {
      statements.fileDelete.run(fileId, processId);
    },

    addSubscription(subscription: SubscriptionRecord): void {
      statements.subscriptionPut.run(subscription.id, subscription.clientId, JSON.stringify(subscription));
    },
    listSubscriptions: (clientId: string) => (statements.subscriptionList.all(clientId) as { data: string }[]).map((row) => JSON.parse(row.data) as SubscriptionRecord),
    /** False when the client has no subscription with that id. */
    deleteSubscription: (clientId: string, id: string): boolean => statements.subscriptionDelete.run(id, clientId).changes === 1,

    /** The sandbox SMS outbox: the text messages Autenti would have sent (OTP codes). */
    sendSms(phone: string, text: string, at: string): void {
      statements.smsInsert.run(phone, text, at);
    },
    /** Messages newest first, all or to one number (digits only, country code first). */
    listSms: (phone?: string) => statements.smsList.all({ phone: phone ?? null }) as { phone: string; text: string; sentAt: string }[],

    addEvent(processId: string, event: SandboxEvent): void {
      statements.eventInsert.run(processId, JSON.stringify(event));
    },
    listEvents: (processId: string) => (statements.eventList.all(processId) as { data: string }[]).map((row) => JSON.parse(row.data) as SandboxEvent),

    close(): void {
      db.close();
    },
  };
}
