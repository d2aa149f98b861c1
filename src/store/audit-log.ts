import type { Db } from './database.js';
import { decodeCursor, toPage, type Page } from './pagination.js';
import type { AuditLogTable } from './schema.js';

/** One administrative action. Rows are only ever inserted: nothing updates or deletes them. */
export interface AuditEntry {
  id: string;
  occurredAt: string;
  actor: {
    type: 'user' | 'key' | 'environment';
    /** An account id, a key id, or 'env'. */
    id: string;
    /** The email or key name at the time. */
    name: string;
    /** For a key: the account it acts for. */
    accountId: string | null;
  };
  /** noun.verb, e.g. `connection.created`, `envelope.sent`. */
  action: string;
  targetId: string | null;
  targetName: string | null;
  requestId: string | null;
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: { type: row.actor_type as AuditEntry['actor']['type'], id: row.actor_id, name: row.actor_name, accountId: row.actor_account_id },
    action: row.action,
    targetId: row.target_id,
    targetName: row.target_name,
    requestId: row.request_id,
  };
}

export async function appendAuditEntry(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: entry.id,
      occurred_at: entry.occurredAt,
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      actor_account_id: entry.actor.accountId,
      action: entry.action,
      target_id: entry.targetId,
      target_name: entry.targetName,
      request_id: entry.requestId,
    })
    .execute();
}

/** Newest first, with the same cursors as every other list. */
export async function listAuditEntries(db: Db, options: { limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
  const before = decodeCursor(options.cursor);
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit + 1);
  if (before) query = query.where('id', '<', before);
  return toPage((await query.execute()).map(toEntry), options.limit);
}
