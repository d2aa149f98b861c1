import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ApiUserRecord, StoredWorkflow, UploadedDocument } from './model.js';

/**
 * The sandbox's own SQLite file (`<dataDir>/sandbox/consigno.sqlite`): API users, tokens (their
 * idle clock and revocation), uploaded documents, workflows (one JSON document each), the SMS/call
 * outbox, and the shared mailbox.
 */

export type ConsignoStore = ReturnType<typeof openStore>;

export interface TokenRecord {
  jti: string;
  username: string;
  ver: number;
  lastUsedAt: number;
  revoked: boolean;
  /** When a successor (rotation) was handed out in answer to this token. */
  replacedAt: number | null;
}

export interface OutboxMessage {
  to: string;
  channel: 'sms' | 'call';
  text: string;
  code: string;
  sentAt: number;
}

/** A phone number as the outbox files it: `+` and the digits. */
export const phoneKey = (phone: string) => `+${phone.replace(/\D/g, '')}`;
export const passwordDigest = (password: string) => createHash('sha256').update(password, 'utf8').digest('hex');

export function openStore(dataDir: string) {
  const folder = join(dataDir, 'sandbox');
  mkdirSync(folder, { recursive: true });
  const db = new Database(join(folder, 'consigno.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS consigno_users (username TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS consigno_tokens (jti TEXT PRIMARY KEY, username TEXT NOT NULL, ver INTEGER NOT NULL,
      last_used_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0, replaced_at INTEGER);
    CREATE TABLE IF NOT EXISTS consigno_documents (id TEXT PRIMARY KEY, owner TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS consigno_workflows (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, owner TEXT NOT NULL,
      status INTEGER NOT NULL, expires_on INTEGER, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS consigno_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, phone TEXT NOT NULL, channel TEXT NOT NULL,
      text TEXT NOT NULL, code TEXT NOT NULL, sent_at INTEGER NOT NULL);
  `);
  const statements = {
    userGet: db.prepare('SELECT data FROM consigno_users WHERE username = ?'),
    userPut: db.prepare('INSERT INTO consigno_users (username, data) VALUES (?, ?) ON CONFLICT (username) DO UPDATE SET data = excluded.data'),
    tokenGet: db.prepare('SELECT jti, username, ver, last_used_at AS lastUsedAt, revoked, replaced_at AS replacedAt FROM consigno_tokens WHERE jti = ?'),
    tokenInsert: db.prepare('INSERT INTO consigno_tokens (jti, username, ver, last_used_at) VALUES (?, ?, ?, ?)'),
    tokenTouch: db.prepare('UPDATE consigno_tokens SET last_used_at = ? WHERE jti = ?'),
    tokenRevoke: db.prepare('UPDATE consigno_tokens SET revoked = 1 WHERE jti = ?'),
    tokenReplaced: db.prepare('UPDATE consigno_tokens SET replaced_at = COALESCE(replaced_at, ?) WHERE jti = ?'),
    documentGet: db.prepare('SELECT data FROM consigno_documents WHERE id = ?'),
    documentPut: db.prepare('INSERT INTO consigno_documents (id, owner, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data'),
    workflowGet: db.prepare('SELECT data FROM consigno_workflows WHERE id = ?'),
    workflowInsert: db.prepare('INSERT INTO consigno_workflows (id, owner, status, expires_on, data) VALUES (@id, @owner, @status, @expiresOn, @data)'),
    workflowUpdate: db.prepare('UPDATE consigno_workflows SET status = @status, expires_on = @expiresOn, data = @data WHERE id = @id'),
    workflowList: db.prepare('SELECT data FROM consigno_workflows ORDER BY rowid'),
    dueExpiry: db.prepare('SELECT id FROM consigno_workflows WHERE status IN (0, 1) AND expires_on IS NOT NULL AND expires_on <= ?'),
    byActionToken: db.prepare(
      `SELECT w.data FROM consigno_workflows AS w, json_each(w.data, '$.actions') AS a WHERE json_extract(a.value, '$.token') = ?`,
    ),
    byFinalToken: db.prepare(`SELECT data FROM consigno_workflows WHERE json_extract(data, '$.finalToken') = ?`),
    outboxInsert: db.prepare('INSERT INTO consigno_outbox (phone, channel, text, code, sent_at) VALUES (?, ?, ?, ?, ?)'),
    outboxList: db.prepare(
      'SELECT phone AS "to", channel, text, code, sent_at AS sentAt FROM consigno_outbox WHERE (@to IS NULL OR phone = @to) ORDER BY seq DESC LIMIT 100',
    ),
  };
  const parse = <T>(row: unknown): T | undefined => (row ? (JSON.parse((row as { data: string }).data) as T) : undefined);

  return {
    db,
    folder,
    filesDir: join(folder, 'consigno-files'),
    caDir: join(folder, 'ca'),

    getUser: (username: string) => parse<ApiUserRecord>(statements.userGet.get(username)),
    putUser(user: ApiUserRecord): void {
      statements.userPut.run(user.username, JSON.stringify(user));
    },

    getToken(jti: string): TokenRecord | undefined {
      const row = statements.tokenGet.get(jti) as (Omit<TokenRecord, 'revoked'> & { revoked: number }) | undefined;
      return row ? { ...row, revoked: row.revoked === 1 } : undefined;
    },
    addToken(jti: string, username: string, ver: number, at: number): void {
      statements.tokenInsert.run(jti, username, ver, at);
    },
    touchToken: (jti: string, at: number) => void statements.tokenTouch.run(at, jti),
    revokeToken: (jti: string) => void statements.tokenRevoke.run(jti),
    markReplaced: (jti: string, at: number) => void statements.tokenReplaced.run(at, jti),

    getDocument: (id: string) => parse<UploadedDocument>(statements.documentGet.get(id)),
    putDocument(document: UploadedDocument): void {
      statements.documentPut.run(document.id, document.owner, JSON.stringify(document));
    },

    getWorkflow: (id: string) => parse<StoredWorkflow>(statements.workflowGet.get(id)),
    insertWorkflow(workflow: StoredWorkflow): void {
      statements.workflowInsert.run({ id: workflow.id, owner: workflow.owner, status: workflow.status, expiresOn: workflow.expiresOn, data: JSON.stringify(workflow) });
    },
    putWorkflow(workflow: StoredWorkflow): void {
      statements.workflowUpdate.run({ id: workflow.id, status: workflow.status, expiresOn: workflow.expiresOn, data: JSON.stringify(workflow) });
    },
    /** Every workflow, oldest first: what a test or the soak checker compares Countersign with. */
    listWorkflows: () => (statements.workflowList.all() as Array<{ data: string }>).map((row) => JSON.parse(row.data) as StoredWorkflow),
    /** Ids of created or launched workflows whose expiry is at or before `now` (epoch ms). */
    dueForExpiry: (now: number) => (statements.dueExpiry.all(now) as Array<{ id: string }>).map((row) => row.id),
    workflowByActionToken: (token: string) => parse<StoredWorkflow>(statements.byActionToken.get(token)),
    workflowByFinalToken: (token: string) => parse<StoredWorkflow>(statements.byFinalToken.get(token)),

    /** The sandbox's "phone": codes ConsignO would have sent by text message or read out in a call. */
    sendToPhone(message: OutboxMessage): void {
      statements.outboxInsert.run(phoneKey(message.to), message.channel, message.text, message.code, message.sentAt);
    },
    /** Messages newest first, all or to one number (however it is written). */
    listOutbox: (to?: string) => statements.outboxList.all({ to: to === undefined ? null : phoneKey(to) }) as OutboxMessage[],

    close(): void {
      db.close();
    },
  };
}
