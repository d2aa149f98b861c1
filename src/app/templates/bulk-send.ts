import { NotFoundError, ValidationError, type FieldError } from '../../domain/errors.js';
import type { Template } from '../../domain/templates.js';
import { fromKysely, type JobContext } from '../../jobs/queue.js';
import * as store from '../../store/bulk-sends.js';
import { findConnection } from '../../store/connections.js';
import { findTemplate } from '../../store/templates.js';
import { newId } from '../../store/ids.js';
import type { Viewer } from '../../store/visibility.js';
import { recordActionIn, type ActionRequest } from '../action-request.js';
import { timestamp, type AppContext } from '../context.js';
import { checkDocumentIds, getEnvelope, type AsPerson } from '../envelopes/envelopes.js';
import type { Actor } from '../envelopes/history.js';
import { startSending } from '../envelopes/sending.js';
import { peopleOfRow, type BulkCsvRow } from './bulk-csv.js';
import { createEnvelopeFromTemplate, getTemplate, problemOf } from './templates.js';

export const BULK_SEND_JOB = 'bulk-send';

/** A row as the edge hands it over: its cells, and what the edge's checks of its values found. */
export interface CheckedBulkRow extends BulkCsvRow {
  errors: FieldError[];
}

export interface BulkSendRowView {
  row: number;
  status: store.BulkSendRowStatus;
  /** The row's values, secret answers left out. */
  cells: Record<string, string>;
  envelopeId: string | null;
  /** Why the row failed, as a refusal of its envelope would say it. */
  detail: string | null;
  errors: FieldError[];
}

export interface BulkSendView {
  id: string;
  templateId: string;
  connectionId: string | null;
  status: store.BulkSendStatus;
  rowCount: number;
  counts: Record<store.BulkSendRowStatus, number>;
  createdAt: string;
  updatedAt: string;
  rows?: BulkSendRowView[];
}

const SECRET_SUFFIX = '.secretAnswer';

/**
 * Accepts a bulk send: the template's documents and the connection are checked once, then the bulk
 * send, its rows and its job are stored in one transaction (no bulk send without its job). A row the
 * edge found bad is stored failed with its errors; the others wait for the job. Secret answers are
 * sealed apart from the row's other cells, which the page shows.
 */
export async function startBulkSend(
  context: AppContext,
  template: Template,
  rows: readonly CheckedBulkRow[],
  input: { connectionId?: string | null },
  actor: Actor,
  as: AsPerson = {},
  apiRequest?: ActionRequest,
): Promise<BulkSendView> {
  const connectionId = input.connectionId ?? null;
  const errors: FieldError[] = [
    ...(await checkDocumentIds(context.db, template.documentIds, 'template.documentIds', as.viewer)),
    ...(connectionId !== null && !(await findConnection(context.db, connectionId)) ? [{ path: 'connectionId', message: `no connection with id ${connectionId} exists; see GET /api/v1/connections` }] : []),
  ];
  if (errors.length > 0) throw new ValidationError(errors);

  const id = newId('bks');
  const at = timestamp(context);
  const storedRows = rows.map((row): store.StoredBulkSendRow => {
    const secrets = Object.entries(row.cells).filter(([column]) => column.endsWith(SECRET_SUFFIX));
    return {
      bulkSendId: id,
      rowNumber: row.number,
      cells: Object.fromEntries(Object.entries(row.cells).filter(([column]) => !column.endsWith(SECRET_SUFFIX))),
      sealedSecrets: secrets.length === 0 ? null : context.secrets.seal(JSON.stringify(Object.fromEntries(secrets)), sealContext(id, row.number)),
      status: row.errors.length > 0 ? 'failed' : 'pending',
      envelopeId: null,
      detail: row.errors.length > 0 ? `Row ${row.number}: ${new ValidationError(row.errors).message}` : null,
      errors: row.errors,
      updatedAt: at,
    };
  });
  await context.db.transaction().execute(async (transaction) => {
    await store.insertBulkSend(
      transaction,
      {
        id,
        templateId: template.id,
        connectionId,
        status: 'running',
        rowCount: rows.length,
        createdBy: as.owner?.createdBy ?? null,
        visibility: as.owner?.visibility ?? 'private',
        actor: JSON.stringify(actor),
        createdAt: at,
        updatedAt: at,
      },
      storedRows,
    );
    await context.queue.enqueue(BULK_SEND_JOB, { bulkSendId: id }, { singletonKey: id, executor: fromKysely(transaction) });
    await recordActionIn(context, transaction, apiRequest, { id, name: template.name });
  });
  return getBulkSend(context, template.id, id, as.viewer);
}

/** A row's secret answers are sealed to the bulk send and row: copied to another row, they do not open. */
const sealContext = (bulkSendId: string, rowNumber: number) => `${bulkSendId}:${rowNumber}`;

/**
 * The job: works the rows in order, each in two steps that are each recorded in the transaction that
 * does them — the envelope's creation records it on the row (`created`), the move to `sending` marks
 * the row `sent` — so a crash or a replay resumes at the step a row is in and never makes or sends a
 * row's envelope twice. A refusal (the row's values, the provider's capabilities) fails that row only;
 * anything else (the database, a stopping worker) fails the attempt, and the queue retries it.
 */
export async function runBulkSendJob(context: AppContext, data: { bulkSendId: string }, job: JobContext): Promise<unknown> {
  const bulkSend = await store.findBulkSend(context.db, data.bulkSendId);
  if (!bulkSend || bulkSend.status !== 'running') return { skipped: bulkSend?.status ?? 'deleted' };
  const template = await findTemplate(context.db, bulkSend.templateId);
  if (!template) return { skipped: 'template-deleted' };
  const actor = JSON.parse(bulkSend.actor ?? '{"source":"system"}') as Actor;
  const owner = { createdBy: bulkSend.createdBy, visibility: bulkSend.visibility === 'shared' ? ('shared' as const) : ('private' as const) };
  const rows = await store.listBulkSendRows(context.db, bulkSend.id);
  let done = rows.filter((row) => row.status === 'sent' || row.status === 'failed').length;
  for (const row of rows) {
    if (row.status === 'sent' || row.status === 'failed') continue;
    if (job.signal.aborted) throw new Error('The bulk send was stopped; it resumes at this row.');
    await workRow(context, bulkSend, template, row, actor, { owner }, job.signal);
    done += 1;
    await job.reportProgress({ done, total: rows.length });
  }
  await store.markBulkSendCompleted(context.db, bulkSend.id, timestamp(context));
  return { rows: rows.length };
}

async function workRow(
  context: AppContext,
  bulkSend: store.StoredBulkSend,
  template: Template,
  row: store.StoredBulkSendRow,
  actor: Actor,
  as: AsPerson,
  signal: AbortSignal,
): Promise<void> {
  const key = { bulkSendId: bulkSend.id, rowNumber: row.rowNumber };
  let envelopeId = row.envelopeId;
  try {
    if (row.status === 'pending') {
      const secrets = row.sealedSecrets === null ? {} : (JSON.parse(context.secrets.open(row.sealedSecrets, sealContext(bulkSend.id, row.rowNumber))) as Record<string, string>);
      const cells = { ...row.cells, ...secrets };
      const created = await createEnvelopeFromTemplate(
        context,
        template,
        { people: peopleOfRow(cells, template.roles), title: cells.title, connectionId: bulkSend.connectionId, externalRef: cells.externalRef ?? null },
        actor,
        as,
        {
          within: async (transaction, id) => {
            if (!(await store.advanceBulkSendRow(transaction, { ...key, from: 'pending' }, { status: 'created', envelopeId: id, at: timestamp(context) }))) {
              throw new RowTakenError(bulkSend.id, row.rowNumber);
            }
          },
        },
      );
      envelopeId = created.id;
    }
    // A stopping worker leaves the row `created`: the resumed job sends the envelope made here.
    if (signal.aborted) throw new Error(`The bulk send was stopped; row ${row.rowNumber} is sent when it resumes.`);
    const envelope = await getEnvelope(context, envelopeId!);
    await startSending(context, envelope, actor, {
      detail: { bulkSendId: bulkSend.id, row: row.rowNumber },
      within: async (transaction) => {
        if (!(await store.advanceBulkSendRow(transaction, { ...key, from: 'created' }, { status: 'sent', at: timestamp(context) }))) {
          throw new RowTakenError(bulkSend.id, row.rowNumber);
        }
      },
    });
  } catch (error) {
    const problem = problemOf(error);
    // Not a refusal (the database, a row another attempt took): the attempt fails and the queue retries it.
    if (!problem) throw error;
    await store.advanceBulkSendRow(
      context.db,
      { ...key, from: envelopeId === null ? 'pending' : 'created' },
      { status: 'failed', detail: `Row ${row.rowNumber}: ${problem.detail}`, errors: problem.errors, at: timestamp(context) },
    );
  }
}

/** Another attempt moved the row first: this one rolls its step back and leaves the row to it. */
class RowTakenError extends Error {
  constructor(bulkSendId: string, rowNumber: number) {
    super(`Row ${rowNumber} of bulk send ${bulkSendId} was worked by another attempt.`);
  }
}

/** Running bulk sends get their job back (a no-op where it is still there: its singleton key). */
export async function resumeBulkSends(context: AppContext): Promise<void> {
  for (const id of await store.listBulkSendIdsWithStatus(context.db, 'running')) await context.queue.enqueue(BULK_SEND_JOB, { bulkSendId: id }, { singletonKey: id });
}

/**
 * A bulk send's rows name people, as its envelopes do: it is seen by whoever started it and by those
 * who see every envelope (`viewer` undefined), like the private envelopes it made.
 */
const seenBy = (bulkSend: store.StoredBulkSend, viewer: Viewer | undefined) => viewer === undefined || bulkSend.createdBy === viewer.accountId;

export async function getBulkSend(context: AppContext, templateId: string, id: string, viewer?: Viewer): Promise<BulkSendView> {
  const bulkSend = await store.findBulkSend(context.db, id);
  if (!bulkSend || bulkSend.templateId !== templateId || !seenBy(bulkSend, viewer)) throw new NotFoundError('bulk send', id);
  const rows = await store.listBulkSendRows(context.db, id);
  const counts = countsOf(rows.map((row) => row.status));
  return {
    ...viewOf(bulkSend, counts),
    rows: rows.map((row) => ({ row: row.rowNumber, status: row.status, cells: row.cells, envelopeId: row.envelopeId, detail: row.detail, errors: row.errors })),
  };
}

/** A template's bulk sends, newest first, with their counts (not their rows). */
export async function listBulkSends(context: AppContext, templateId: string, viewer?: Viewer): Promise<BulkSendView[]> {
  await getTemplate(context, templateId);
  const bulkSends = (await store.listBulkSends(context.db, templateId)).filter((bulkSend) => seenBy(bulkSend, viewer));
  const counts = await store.countBulkSendRows(context.db, bulkSends.map((bulkSend) => bulkSend.id));
  return bulkSends.map((bulkSend) => viewOf(bulkSend, Object.fromEntries(counts.get(bulkSend.id) ?? []) as Partial<BulkSendView['counts']>));
}

function countsOf(statuses: readonly store.BulkSendRowStatus[]): Partial<BulkSendView['counts']> {
  const counts: Partial<BulkSendView['counts']> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

function viewOf(bulkSend: store.StoredBulkSend, counts: Partial<BulkSendView['counts']>): BulkSendView {
  return {
    id: bulkSend.id,
    templateId: bulkSend.templateId,
    connectionId: bulkSend.connectionId,
    status: bulkSend.status,
    rowCount: bulkSend.rowCount,
    counts: { pending: counts.pending ?? 0, created: counts.created ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0 },
    createdAt: bulkSend.createdAt,
    updatedAt: bulkSend.updatedAt,
  };
}
