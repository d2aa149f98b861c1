import { newId } from '../store/ids.js';
import * as store from '../store/audit-log.js';
import type { Db } from '../store/database.js';
import type { Page } from '../store/pagination.js';
import { timestamp, type AppContext } from './context.js';
import type { Principal } from './principal.js';

export type { AuditEntry } from '../store/audit-log.js';

/** An audited request: who asks for which action, on what. Its route builds it (`auditOf`, src/api/auth.ts); an accepted invitation, whose person only the action knows, builds its own. */
export interface AuditedRequest {
  principal: Principal;
  action: string;
  requestId: string;
  /** The route's id parameter; null for a create, whose target is what the action makes. */
  targetId: string | null;
}

/**
 * Writes the audit line of `audit`'s action in `transaction`: the one whose commit does the action.
 * So the action and its line are kept or lost together — no crash between two commits leaves an
 * action without its line, and a line that cannot be written undoes the action rather than answering
 * an error for an action done. `target`: what the action made or changed (the line's target is the
 * route's id parameter when it has one) and its name at the time. Without `audit` (a job, the CLI, a
 * test calling the app directly) it writes nothing. An answer that did nothing new (a key revoked
 * again, the same send decision repeated) writes no line.
 */
export async function recordActionIn(
  context: AppContext,
  transaction: Db,
  audit: AuditedRequest | undefined,
  target: { id?: string; name?: string | null } = {},
): Promise<void> {
  if (!audit) return;
  const { principal } = audit;
  await store.appendAuditEntry(transaction, {
    id: newId('aud'),
    occurredAt: timestamp(context),
    actor: { type: principal.kind, id: principal.id, name: principal.name, accountId: principal.accountId },
    action: audit.action,
    targetId: audit.targetId ?? target.id ?? null,
    targetName: target.name ?? null,
    requestId: audit.requestId,
  });
}

export function listAuditLog(context: AppContext, options: { limit: number; cursor?: string }): Promise<Page<store.AuditEntry>> {
  return store.listAuditEntries(context.db, options);
}
