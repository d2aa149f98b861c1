import type { FieldError } from '../domain/errors.js';
import type { Db } from './database.js';
import type { BulkSendRowsTable, BulkSendsTable } from './schema.js';

export type BulkSendStatus = 'running' | 'completed';
/** `created`: its envelope is made and not yet sent; `sent`: accepted for sending (the envelope says how that went). */
export type BulkSendRowStatus = 'pending' | 'created' | 'sent' | 'failed';

export interface StoredBulkSend {
  id: string;
  templateId: string;
  connectionId: string | null;
  status: BulkSendStatus;
  rowCount: number;
  createdBy: string | null;
  visibility: string;
  /** JSON of the app's Actor: who asked for it. */
  actor: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredBulkSendRow {
  bulkSendId: string;
  rowNumber: number;
  cells: Record<string, string>;
  sealedSecrets: string | null;
  status: BulkSendRowStatus;
  envelopeId: string | null;
  detail: string | null;
  errors: FieldError[];
  updatedAt: string;
}

function toBulkSend(row: BulkSendsTable): StoredBulkSend {
  return {
    id: row.id,
    templateId: row.template_id,
    connectionId: row.connection_id,
    status: row.status as BulkSendStatus,
    rowCount: Number(row.row_count),
    createdBy: row.created_by,
    visibility: row.visibility,
    actor: row.actor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(row: BulkSendRowsTable): StoredBulkSendRow {
  return {
    bulkSendId: row.bulk_send_id,
    rowNumber: Number(row.row_number),
    cells: JSON.parse(row.cells) as Record<string, string>,
    sealedSecrets: row.sealed_secrets,
    status: row.status as BulkSendRowStatus,
    envelopeId: row.envelope_id,
    detail: row.detail,
    errors: row.errors === null ? [] : (JSON.parse(row.errors) as FieldError[]),
    updatedAt: row.updated_at,
  };
}

export async function insertBulkSend(db: Db, bulkSend: StoredBulkSend, rows: readonly StoredBulkSendRow[]): Promise<void> {
  await db
    .insertInto('bulk_sends')
    .values({
      id: bulkSend.id,
      template_id: bulkSend.templateId,
      connection_id: bulkSend.connectionId,
      status: bulkSend.status,
      row_count: bulkSend.rowCount,
      created_by: bulkSend.createdBy,
      visibility: bulkSend.visibility,
      actor: bulkSend.actor,
      created_at: bulkSend.createdAt,
      updated_at: bulkSend.updatedAt,
    })
    .execute();
  // 100 rows per statement: well under the bound values either database takes in one.
  for (let start = 0; start < rows.length; start += 100) {
    await db
      .insertInto('bulk_send_rows')
      .values(
        rows.slice(start, start + 100).map((row) => ({
          bulk_send_id: row.bulkSendId,
          row_number: row.rowNumber,
          cells: JSON.stringify(row.cells),
          sealed_secrets: row.sealedSecrets,
          status: row.status,
          envelope_id: row.envelopeId,
          detail: row.detail,
          errors: row.errors.length === 0 ? null : JSON.stringify(row.errors),
          updated_at: row.updatedAt,
        })),
      )
      .execute();
  }
}

export async function findBulkSend(db: Db, id: string): Promise<StoredBulkSend | undefined> {
  const row = await db.selectFrom('bulk_sends').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toBulkSend(row);
}

/** A template's bulk sends, newest first. */
export async function listBulkSends(db: Db, templateId: string): Promise<StoredBulkSend[]> {
  const rows = await db.selectFrom('bulk_sends').selectAll().where('template_id', '=', templateId).orderBy('id', 'desc').execute();
  return rows.map(toBulkSend);
}

export async function listBulkSendIdsWithStatus(db: Db, status: BulkSendStatus): Promise<string[]> {
  const rows = await db.selectFrom('bulk_sends').select('id').where('status', '=', status).execute();
  return rows.map((row) => row.id);
}

export async function listBulkSendRows(db: Db, bulkSendId: string): Promise<StoredBulkSendRow[]> {
  const rows = await db.selectFrom('bulk_send_rows').selectAll().where('bulk_send_id', '=', bulkSendId).orderBy('row_number').execute();
  return rows.map(toRow);
}

/** How many rows of each status each of the bulk sends has. */
export async function countBulkSendRows(db: Db, bulkSendIds: readonly string[]): Promise<Map<string, Map<BulkSendRowStatus, number>>> {
  const counts = new Map<string, Map<BulkSendRowStatus, number>>(bulkSendIds.map((id) => [id, new Map()]));
  if (bulkSendIds.length === 0) return counts;
  const rows = await db
    .selectFrom('bulk_send_rows')
    .select(['bulk_send_id', 'status', (expression) => expression.fn.countAll().as('count')])
    .where('bulk_send_id', 'in', bulkSendIds)
    .groupBy(['bulk_send_id', 'status'])
    .execute();
  for (const row of rows) counts.get(row.bulk_send_id)?.set(row.status as BulkSendRowStatus, Number(row.count));
  return counts;
}

/**
 * Moves a row on, only from the status the caller read (compare-and-set): false when another attempt
 * got there first, so that a row's envelope is made once and sent once whatever replays.
 */
export async function advanceBulkSendRow(
  db: Db,
  key: { bulkSendId: string; rowNumber: number; from: BulkSendRowStatus },
  change: { status: BulkSendRowStatus; envelopeId?: string; detail?: string | null; errors?: FieldError[]; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('bulk_send_rows')
    .set({
      status: change.status,
      ...(change.envelopeId !== undefined ? { envelope_id: change.envelopeId } : {}),
      ...(change.detail !== undefined ? { detail: change.detail } : {}),
      ...(change.errors !== undefined ? { errors: change.errors.length === 0 ? null : JSON.stringify(change.errors) } : {}),
      updated_at: change.at,
    })
    .where('bulk_send_id', '=', key.bulkSendId)
    .where('row_number', '=', key.rowNumber)
    .where('status', '=', key.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markBulkSendCompleted(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('bulk_sends').set({ status: 'completed', updated_at: at }).where('id', '=', id).execute();
}
