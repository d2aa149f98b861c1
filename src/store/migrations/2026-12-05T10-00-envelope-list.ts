import { sql, type Kysely } from 'kysely';

/**
 * The envelope list as a daily tool (issue 15): sorted by when it last changed, by title or by status
 * with cursor pages, filtered by when it last changed or when it expires, and counted per status.
 * Each order and filter reads an index that holds it, so a page stops after its rows and a count
 * per status is one grouped pass over an index, never over the envelope rows (issue 12):
 * - (updated_at, id): the whole list by last change;
 * - (status, updated_at, id): a status tab by last change, and "completed since";
 * - (lower(title), id): by title as people read it, whatever the case;
 * - (status, expires_at): "expiring soon" among the envelopes still out;
 * - (status, visibility, created_by): the counts of a member, who sees only their own and shared
 *   envelopes (an admin's counts read envelopes_status_idx).
 * And who acted, on each line of an envelope's history: the signed-in person's email or the API
 * key's name, as JSON `{ kind, name }`; null where nobody did (a provider's news, a sync, the server).
 * Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('envelopes_updated_idx').on('envelopes').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('envelopes_status_updated_idx').on('envelopes').columns(['status', 'updated_at', 'id']).execute();
  await db.schema.createIndex('envelopes_title_idx').on('envelopes').expression(sql`lower(title), id`).execute();
  await db.schema.createIndex('envelopes_status_expires_idx').on('envelopes').columns(['status', 'expires_at']).execute();
  await db.schema.createIndex('envelopes_status_visibility_idx').on('envelopes').columns(['status', 'visibility', 'created_by']).execute();
  await db.schema.alterTable('envelope_events').addColumn('actor', 'text').execute();
}
