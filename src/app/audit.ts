import * as store from '../store/audit-log.js';
import type { Page } from '../store/pagination.js';
import type { AppContext } from './context.js';

export type { AuditEntry } from '../store/audit-log.js';

export function listAuditLog(context: AppContext, options: { limit: number; cursor?: string }): Promise<Page<store.AuditEntry>> {
  return store.listAuditEntries(context.db, options);
}
