import { newId } from '../store/ids.js';
import * as store from '../store/audit-log.js';
import type { Page } from '../store/pagination.js';
import { timestamp, type AppContext } from './context.js';
import type { Principal } from './principal.js';

export type { AuditEntry } from '../store/audit-log.js';

export interface AuditedAction {
  action: string;
  targetId?: string | null;
  targetName?: string | null;
  requestId?: string | null;
}

/** Records who did what, on whose behalf, to what. */
export async function recordAudit(context: AppContext, principal: Principal, action: AuditedAction): Promise<void> {
  await store.appendAuditEntry(context.db, {
    id: newId('aud'),
    occurredAt: timestamp(context),
    actor: {
      type: principal.kind,
      id: principal.id,
      name: principal.name,
      accountId: principal.accountId,
    },
    action: action.action,
    targetId: action.targetId ?? null,
    targetName: action.targetName ?? null,
    requestId: action.requestId ?? null,
  });
}

export function listAuditLog(context: AppContext, options: { limit: number; cursor?: string }): Promise<Page<store.AuditEntry>> {
  return store.listAuditEntries(context.db, options);
}
