import type { Kysely } from 'kysely';

/**
 * Indexes for reading envelopes (issue 12): an envelope's participants are read in step order and
 * its documents in their order, so each index holds that order and the reads need no sort. The
 * participants index replaces (envelope_id, position), which the new one covers for its only other
 * use (the next position: a scan of one envelope's few rows). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('participants_envelope_step_idx').on('participants').columns(['envelope_id', 'step', 'position']).execute();
  await db.schema.dropIndex('participants_envelope_idx').execute();
  await db.schema.createIndex('envelope_documents_envelope_position_idx').on('envelope_documents').columns(['envelope_id', 'position']).execute();
}
