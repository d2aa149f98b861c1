import { appendAuditEntry } from '../store/audit-log.js';
import type { Db } from '../store/database.js';
import type { IdempotencyClaim } from '../store/idempotency.js';
import { newId } from '../store/ids.js';
import { timestamp, type AppContext } from './context.js';
import { recordMadeIn } from './idempotency.js';
import type { Principal } from './principal.js';

/**
 * The API request an action is done for, as far as the action records it: its route's audit action
 * and its claimed Idempotency-Key. Its route builds it (`actionRequestOf`, src/api/auth.ts); an
 * accepted invitation, whose person only the action knows, builds its own. The CLI, jobs and tests
 * call the same actions without one, and record nothing.
 */
export interface ActionRequest {
  principal: Principal;
  requestId: string;
  /** The audit log's noun.verb (src/api/route-access.ts); undefined where the route writes no line. */
  auditAction: string | undefined;
  /** The route's id parameter; null for a create, whose target is what the action makes. */
  targetId: string | null;
  /** The Idempotency-Key this request claimed, if it carries one. */
  idempotency: IdempotencyClaim | undefined;
}

/**
 * Records `apiRequest`'s action in `transaction`, the one whose commit does the action: its audit line,
 * and what it made under its Idempotency-Key. So they are kept or lost with the action:
 * - no crash between two commits leaves an action without its line, and a line that cannot be written
 *   undoes the action rather than answering an error for an action done;
 * - a retry after a crash that lost the answer finds what the action made and answers from it, rather
 *   than doing the action again (src/app/idempotency.ts).
 * `target`: what the action made or changed and its name at the time. The line's target is the route's
 * id parameter when it has one; the key's is what the action made when it made something (a bulk send
 * of a template). An answer that did nothing new (a key revoked again, the same send decision
 * repeated) records nothing.
 */
export async function recordActionIn(
  context: AppContext,
  transaction: Db,
  apiRequest: ActionRequest | undefined,
  target: { id?: string; name?: string | null } = {},
): Promise<void> {
  if (!apiRequest) return;
  const { principal, auditAction, idempotency } = apiRequest;
  if (auditAction !== undefined) {
    await appendAuditEntry(transaction, {
      id: newId('aud'),
      occurredAt: timestamp(context),
      actor: { type: principal.kind, id: principal.id, name: principal.name, accountId: principal.accountId },
      action: auditAction,
      targetId: apiRequest.targetId ?? target.id ?? null,
      targetName: target.name ?? null,
      requestId: apiRequest.requestId,
    });
  }
  if (idempotency !== undefined) {
    const made = target.id ?? apiRequest.targetId;
    if (made === null) throw new Error('An idempotent action must name what it made or acted on.');
    await recordMadeIn(transaction, idempotency, made);
  }
}
