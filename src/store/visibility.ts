import type { ExpressionBuilder } from 'kysely';
import type { Database } from './schema.js';

/**
 * Someone who sees only their own and shared envelopes and documents (a member or viewer, or a key
 * without `envelopes:all`). `accountId` null: an installation key, whose own rows have no creator.
 */
export interface Viewer {
  accountId: string | null;
}

/** The one visibility rule, as a WHERE clause for `envelopes` or `documents`: shared, or created by the viewer. */
export function visibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'envelopes' | 'documents'>) =>
    eb.or([
      eb('visibility', '=', 'shared'),
      viewer.accountId === null ? eb('created_by', 'is', null) : eb('created_by', '=', viewer.accountId),
    ]);
}
