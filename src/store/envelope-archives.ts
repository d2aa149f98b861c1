import type { ArchiveState, ArchiveStatus } from '../domain/archive.js';
import type { Db } from './database.js';
import type { EnvelopeArchivesTable } from './schema.js';

/** The archive step of one envelope, as stored (src/domain/archive.ts says what each field means). */
export interface StoredArchive extends ArchiveState {
  envelopeId: string;
}

function toArchive(row: EnvelopeArchivesTable): StoredArchive {
  return {
    envelopeId: row.envelope_id,
    status: row.status as ArchiveStatus,
    attemptCount: Number(row.attempt_count),
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    archivedAt: row.archived_at,
  };
}

export async function findArchive(db: Db, envelopeId: string): Promise<StoredArchive | undefined> {
  const row = await db.selectFrom('envelope_archives').selectAll().where('envelope_id', '=', envelopeId).executeTakeFirst();
  return row && toArchive(row);
}

/** Opens the archive step of a newly completed envelope, due now; false when it has one already. */
export async function openArchive(db: Db, envelopeId: string, now: string): Promise<boolean> {
  const inserted = await db
    .insertInto('envelope_archives')
    .values({ envelope_id: envelopeId, status: 'pending', attempt_count: 0, next_attempt_at: now, created_at: now, updated_at: now })
    .onConflict((conflict) => conflict.column('envelope_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Records the envelope's files as stored. An envelope archived without an archive row (completed
 * before a sync opened one, as in tests that call the archiving directly) gets one.
 */
export async function markArchived(db: Db, envelopeId: string, attemptCount: number, now: string): Promise<void> {
  await db
    .insertInto('envelope_archives')
    .values({ envelope_id: envelopeId, status: 'archived', attempt_count: attemptCount, archived_at: now, created_at: now, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('envelope_id').doUpdateSet({ status: 'archived', attempt_count: attemptCount, last_error: null, next_attempt_at: null, archived_at: now, updated_at: now }),
    )
    .execute();
}

/**
 * Records a failed attempt — only if it is the next one (`attemptCount - 1` made before it), so that
 * of two runs of one attempt (a job retried while its first run went on) one counts. False: another
 * run recorded this attempt, or the archive moved on.
 */
export async function recordFailedAttempt(
  db: Db,
  envelopeId: string,
  outcome: Pick<ArchiveState, 'status' | 'attemptCount' | 'lastError' | 'nextAttemptAt'>,
  now: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('envelope_archives')
    .set({ status: outcome.status, attempt_count: outcome.attemptCount, last_error: outcome.lastError, next_attempt_at: outcome.nextAttemptAt, updated_at: now })
    .where('envelope_id', '=', envelopeId)
    .where('status', '!=', 'archived')
    .where('attempt_count', '=', outcome.attemptCount - 1)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** A person asked for an attempt now: pending, due now (the last error stays until the attempt ends). */
export async function makeDueNow(db: Db, envelopeId: string, now: string): Promise<void> {
  await db.updateTable('envelope_archives').set({ status: 'pending', next_attempt_at: now, updated_at: now }).where('envelope_id', '=', envelopeId).execute();
}

/** The archives still waiting for an attempt, for the start to queue each one's next attempt. */
export async function listPendingArchives(db: Db): Promise<StoredArchive[]> {
  const rows = await db.selectFrom('envelope_archives').selectAll().where('status', '=', 'pending').orderBy('next_attempt_at').orderBy('envelope_id').execute();
  return rows.map(toArchive);
}
