import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PackageStatus, StoredPackage } from './model.js';

/**
 * The sandbox's own SQLite file (`<dataDir>/sandbox/connective.sqlite`): API users, packages (one JSON
 * document each, with the columns the package list filters on), the SMS outbox, and the shared mailbox.
 */

export interface ApiUserRecord {
  username: string;
  name: string;
  /** SHA-256 hex of the password. The sandbox generates passwords of 32 random bytes, so a plain digest is enough. */
  passwordHash: string;
  createdAt: string;
}

export interface PackageFilter {
  owner: string;
  status?: PackageStatus;
  createdAfter?: string;
  createdBefore?: string;
  order: 'ASC' | 'DESC';
  /** The position after which to continue (exclusive), in the listing order. */
  after?: { createdAt: string; seq: number };
  limit: number;
}

export type ConnectiveStore = ReturnType<typeof openStore>;

/** A phone number as the outbox files it: `+` and the digits. */
export const phoneKey = (phone: string) => `+${phone.replace(/\D/g, '')}`;

export const passwordDigest = (password: string) => createHash('sha256').update(password, 'utf8').digest('hex');

export function openStore(dataDir: string) {
  const folder = join(dataDir, 'sandbox');
  mkdirSync(folder, { recursive: true });
  const db = new Database(join(folder, 'connective.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS api_users (username TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS packages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, owner TEXT NOT NULL, status TEXT NOT NULL,
      created_at TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS packages_owner_created ON packages (owner, created_at, seq);
    CREATE TABLE IF NOT EXISTS sms_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, phone TEXT NOT NULL, text TEXT NOT NULL, code TEXT, sent_at TEXT NOT NULL);
  `);

  const statements = {
    userGet: db.prepare('SELECT data FROM api_users WHERE username = ?'),
    userPut: db.prepare('INSERT INTO api_users (username, data) VALUES (?, ?)'),
    packageGet: db.prepare('SELECT data FROM packages WHERE id = ?'),
    packageAll: db.prepare('SELECT data FROM packages ORDER BY created_at, seq'),
    packageSeq: db.prepare('SELECT seq, created_at AS createdAt FROM packages WHERE id = ?'),
    packageInsert: db.prepare('INSERT INTO packages (id, owner, status, created_at, data) VALUES (@id, @owner, @status, @createdAt, @data)'),
    packageUpdate: db.prepare('UPDATE packages SET status = @status, data = @data WHERE id = @id'),
    packageDelete: db.prepare('DELETE FROM packages WHERE id = ?'),
    byToken: db.prepare(
      `SELECT packages.data FROM packages, json_each(packages.data, '$.stakeholders') AS s, json_each(s.value, '$.actors') AS a
       WHERE json_extract(a.value, '$.token') = ?`,
    ),
    byPackageCorrelation: db.prepare(`SELECT data FROM packages WHERE owner = ? AND json_extract(data, '$.correlationId') = ? ORDER BY seq DESC`),
    byDocumentCorrelation: db.prepare(
      `SELECT packages.data FROM packages, json_each(packages.data, '$.documents') AS d
       WHERE owner = ? AND json_extract(d.value, '$.correlationId') = ? ORDER BY seq DESC`,
    ),
    pendingExpired: db.prepare(`SELECT data FROM packages WHERE status = 'Pending' AND json_extract(data, '$.expiryTimestamp') <= ?`),
    smsInsert: db.prepare('INSERT INTO sms_outbox (phone, text, code, sent_at) VALUES (?, ?, ?, ?)'),
    smsList: db.prepare('SELECT phone AS "to", text, code, sent_at AS sentAt FROM sms_outbox WHERE (@to IS NULL OR phone = @to) ORDER BY seq DESC LIMIT 100'),
  };
  const parse = <T>(row: unknown): T | undefined => (row ? (JSON.parse((row as { data: string }).data) as T) : undefined);
  const parseAll = <T>(rows: unknown[]): T[] => rows.map((row) => JSON.parse((row as { data: string }).data) as T);

  return {
    db,
    filesDir: join(folder, 'connective-files'),
    caDir: join(folder, 'ca'),

    getApiUser: (username: string) => parse<ApiUserRecord>(statements.userGet.get(username)),
    addApiUser(user: ApiUserRecord): void {
      statements.userPut.run(user.username, JSON.stringify(user));
    },

    getPackage: (id: string) => parse<StoredPackage>(statements.packageGet.get(id)),
    /** Every API user's packages, for the control routes (Package List shows one user's). */
    listAllPackages: () => parseAll<StoredPackage>(statements.packageAll.all()),
    insertPackage(pkg: StoredPackage): void {
      statements.packageInsert.run({ id: pkg.id, owner: pkg.owner, status: pkg.status, createdAt: pkg.createdAt, data: JSON.stringify(pkg) });
    },
    putPackage(pkg: StoredPackage): void {
      statements.packageUpdate.run({ id: pkg.id, status: pkg.status, data: JSON.stringify(pkg) });
    },
    deletePackage: (id: string): boolean => statements.packageDelete.run(id).changes === 1,
    /** The listing position of a package (its creation time and insertion order), for continuation tokens. */
    positionOf: (id: string) => statements.packageSeq.get(id) as { seq: number; createdAt: string } | undefined,
    packageByToken: (token: string) => parse<StoredPackage>(statements.byToken.get(token)),
    packageByCorrelation: (owner: string, correlationId: string) => parse<StoredPackage>(statements.byPackageCorrelation.get(owner, correlationId)),
    packageByDocumentCorrelation: (owner: string, correlationId: string) =>
      parse<StoredPackage>(statements.byDocumentCorrelation.get(owner, correlationId)),
    /** Pending packages whose expiry is at or before `nowIso` (ISO strings in UTC compare as text). */
    expiredPending: (nowIso: string) => parseAll<StoredPackage>(statements.pendingExpired.all(nowIso)),

    /** One page of an API user's packages and the number of all that match the filter. */
    listPackages(filter: PackageFilter): { items: Array<StoredPackage & { seq: number }>; total: number } {
      const clauses = ['owner = @owner'];
      if (filter.status) clauses.push('status = @status');
      if (filter.createdAfter) clauses.push('created_at > @createdAfter');
      if (filter.createdBefore) clauses.push('created_at < @createdBefore');
      const base = clauses.join(' AND ');
      const params = { owner: filter.owner, status: filter.status, createdAfter: filter.createdAfter, createdBefore: filter.createdBefore };
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM packages WHERE ${base}`).get(params) as { n: number }).n;
      const comparison = filter.order === 'ASC' ? '>' : '<';
      const page = filter.after ? ` AND (created_at, seq) ${comparison} (@afterCreated, @afterSeq)` : '';
      const rows = db
        .prepare(`SELECT seq, data FROM packages WHERE ${base}${page} ORDER BY created_at ${filter.order}, seq ${filter.order} LIMIT @limit`)
        .all({ ...params, afterCreated: filter.after?.createdAt, afterSeq: filter.after?.seq, limit: filter.limit }) as { seq: number; data: string }[];
      return { items: rows.map((row) => ({ ...(JSON.parse(row.data) as StoredPackage), seq: row.seq })), total };
    },

    /** The sandbox's "phone": text messages eSignatures would have sent (SMS OTP codes). */
    sendSms(to: string, text: string, code: string | null, at: string): void {
      statements.smsInsert.run(phoneKey(to), text, code, at);
    },
    /** Messages newest first, all or to one number (however it is written: spaces, a `+` that a query string turned into a space). */
    listSms: (to?: string) => statements.smsList.all({ to: to === undefined ? null : phoneKey(to) }) as Array<{ to: string; text: string; code: string | null; sentAt: string }>,

    close(): void {
      db.close();
    },
  };
}
