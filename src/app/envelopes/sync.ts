import { advanceEnvelopeTowards, isInFlight, type EnvelopeStatus } from '../../domain/envelope-status.js';
import type { Envelope, Participant } from '../../domain/envelope.js';
import { InvalidStateError } from '../../domain/errors.js';
import { advanceParticipantTowards, statusOnEnvelopeCompleted } from '../../domain/participant-status.js';
import type { JobContext, SqlExecutor } from '../../jobs/queue.js';
import { ProviderError } from '../../providers/errors.js';
import type { ParticipantSnapshot, ProviderSnapshot } from '../../providers/snapshot.js';
import * as connections from '../../store/connections.js';
import type { Db } from '../../store/database.js';
import * as store from '../../store/envelopes.js';
import * as syncStore from '../../store/envelope-sync.js';
import { lockRows } from '../../store/locking.js';
import { loadConnection, providerFor } from '../connections.js';
import { timestamp, type AppContext } from '../context.js';
import { withEvents } from '../events/outbox.js';
import { getJob, type JobView } from '../job-views.js';
import { openArchiveStep } from './archive.js';
import { getEnvelope, type EnvelopeWithHistory } from './envelopes.js';
import { changeEnvelopeStatus, changeParticipantStatus, newEvent, type Actor } from './history.js';
import type { SyncProgress } from './sync-progress.js';

export const SYNC_ENVELOPE_JOB = 'sync-envelope';
export const SYNC_ALL_JOB = 'sync-all';

/**
 * The one code path by which a provider's view reaches an envelope, whether it came from a callback,
 * a scheduled delta sync or a person pressing *Sync statuses*. Statuses only move forward through the
 * domain's transition tables: a late or repeated snapshot changes nothing. Returns whether anything changed.
 */
export async function applySnapshot(context: AppContext, envelopeId: string, snapshot: ProviderSnapshot, actor: Actor): Promise<boolean> {
  return withEvents(context, (transaction) => applySnapshotIn(context, transaction, envelopeId, snapshot, actor));
}

/** {@link applySnapshot} inside the caller's transaction (a sync applies a whole listed page in one). */
async function applySnapshotIn(context: AppContext, transaction: Db, envelopeId: string, snapshot: ProviderSnapshot, actor: Actor): Promise<boolean> {
  const envelope = await store.findEnvelopeForUpdate(transaction, envelopeId);
  if (!envelope || envelope.providerReference !== snapshot.reference) return false;
  let changed = false;

  if (snapshot.status.unified === null) {
    changed = await recordUnknownStatus(context, transaction, envelope, snapshot.status.raw, actor);
  } else {
    for (const next of advanceEnvelopeTowards(envelope.status, snapshot.status.unified as EnvelopeStatus)) {
      const reason = next === 'rejected' || next === 'failed' || next === 'expired' ? (snapshot.reason ?? null) : null;
      await changeEnvelopeStatus(context, transaction, envelope, next, actor, { reason });
      changed = true;
    }
  }

  for (const reported of snapshot.participants) {
    const participant = matchParticipant(envelope.participants, reported);
    if (participant && (await applyParticipant(context, transaction, envelope.id, participant, reported, actor))) changed = true;
  }

  if (envelope.status === 'completed') {
    for (const participant of envelope.participants) {
      const final = statusOnEnvelopeCompleted(participant.role, participant.status);
      for (const next of advanceParticipantTowards(participant.status, final)) {
        await changeParticipantStatus(context, transaction, envelope.id, participant, next, actor);
      }
    }
    if (changed) {
      await syncStore.setEnvelopeCompletedAt(transaction, envelope.id, snapshot.completedAt ?? timestamp(context));
      await openArchiveStep(context, transaction, envelopeId);
    }
  }
  await syncStore.markEnvelopeSynced(transaction, envelope.id, timestamp(context));
  return changed;
}

/**
 * Whether applying `snapshot` would change anything, judged on the stored view alone (no writes):
 * the same rules as applySnapshot. A status this version cannot map counts as a change, since only
 * the history can tell whether it was recorded already. Lets a sync skip the unchanged envelopes of
 * a listed page, which are nearly all of them, without a transaction each.
 */
export function snapshotWouldChange(view: syncStore.SyncView, snapshot: ProviderSnapshot): boolean {
  if (view.providerReference !== snapshot.reference) return false;
  if (snapshot.status.unified === null) return true;
  if (advanceEnvelopeTowards(view.status, snapshot.status.unified as EnvelopeStatus).length > 0) return true;
  for (const reported of snapshot.participants) {
    const participant = matchParticipant(view.participants, reported);
    if (!participant) continue;
    if (Object.keys(participantProgress(participant, reported)).length > 0) return true;
    if (reported.status.unified !== null && advanceParticipantTowards(participant.status, reported.status.unified).length > 0) return true;
  }
  return view.status === 'completed' && view.participants.some((participant) => advanceParticipantTowards(participant.status, statusOnEnvelopeCompleted(participant.role, participant.status)).length > 0);
}

/** Fetches one envelope from its provider and applies it. */
export async function syncEnvelope(context: AppContext, envelopeId: string, actor: Actor, signal?: AbortSignal): Promise<EnvelopeWithHistory> {
  const envelope = await getEnvelope(context, envelopeId);
  if (!envelope.providerReference || !envelope.connectionId) {
    throw new InvalidStateError(`Envelope ${envelopeId} is ${envelope.status} and not at a provider yet; there is nothing to sync.`, envelope.status);
  }
  const provider = await providerFor(context, await loadConnection(context, envelope.connectionId));
  await applySnapshot(context, envelopeId, await provider.fetch(envelope.providerReference, { signal }), actor);
  return getEnvelope(context, envelopeId);
}

/** Fetches per connection per pass for providers without a change listing, unless configured. */
export const DEFAULT_POLL_BUDGET = 100;

/** Never checked first, then the longest ago; ties by id (oldest envelope first). */
function byLongestUnchecked(a: syncStore.InFlightEnvelope, b: syncStore.InFlightEnvelope): number {
  if (a.lastSyncedAt !== b.lastSyncedAt) {
    if (a.lastSyncedAt === null) return -1;
    if (b.lastSyncedAt === null) return 1;
    return a.lastSyncedAt < b.lastSyncedAt ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Syncs every in-flight envelope, connection by connection. Where the provider lists by modification
 * (`deltaListing`), one call per page of *changed* envelopes, from the cursor kept on the connection;
 * otherwise one fetch per in-flight envelope, at most `limits.syncPollBudget` per connection, the
 * longest unchecked first. Reports progress as it goes.
 */
export async function syncAll(
  context: AppContext,
  actor: Actor,
  report: (progress: SyncProgress) => Promise<void> = async () => {},
  /** Aborts the provider calls in flight (the job's signal) and the sync with them. */
  signal?: AbortSignal,
): Promise<SyncProgress> {
  const inFlight = await syncStore.listInFlightEnvelopes(context.db);
  const byConnection = new Map<string, typeof inFlight>();
  for (const row of inFlight) {
    if (!row.connectionId) continue;
    const rows = byConnection.get(row.connectionId);
    if (rows) rows.push(row);
    else byConnection.set(row.connectionId, [row]);
  }
  const progress: SyncProgress = { connections: byConnection.size, connectionsDone: 0, inFlight: inFlight.length, checked: 0, changed: 0, providerCalls: 0, deferred: 0, errors: [] };
  await report(progress);

  for (const [connectionId, rows] of byConnection) {
    try {
      const connection = await loadConnection(context, connectionId);
      const provider = await providerFor(context, connection);
      const byReference = new Map(rows.map((row) => [row.providerReference, row.id]));
      if (provider.capabilities.deltaListing && provider.changesSince) {
        let cursor = connection.syncCursor;
        let openSince: string | undefined;
        for (const row of rows) {
          const since = row.sentAt ?? row.createdAt;
          if (openSince === undefined || since < openSince) openSince = since;
        }
        for (;;) {
          const page = await provider.changesSince(cursor, openSince ? { openSince } : {}, { signal });
          progress.providerCalls += 1;
          const listed: Array<{ envelopeId: string; snapshot: ProviderSnapshot }> = [];
          for (const snapshot of page.snapshots) {
            const envelopeId = byReference.get(snapshot.reference);
            if (!envelopeId) continue;
            const full = snapshot.detail === 'full' ? snapshot : await provider.fetch(snapshot.reference, { signal });
            if (snapshot.detail !== 'full') progress.providerCalls += 1;
            listed.push({ envelopeId, snapshot: full });
          }
          cursor = page.nextCursor;
          progress.changed += await applyPage(context, connectionId, listed, cursor, actor);
          await report(progress);
          if (!page.hasMore) break;
        }
        // The listing named every change since the cursor: the envelopes it did not name are unchanged.
        progress.checked += rows.length;
      } else {
        // No listing: one fetch per envelope, at most the budget per pass, the longest unchecked first
        // (never checked before all), so every envelope gets its turn however many are open.
        const budget = context.limits.syncPollBudget ?? DEFAULT_POLL_BUDGET;
        const due = [...rows].sort(byLongestUnchecked);
        progress.deferred += Math.max(0, due.length - budget);
        for (const row of due.slice(0, budget)) {
          try {
            const snapshot = await provider.fetch(row.providerReference, { signal });
            progress.providerCalls += 1;
            if (await applySnapshot(context, row.id, snapshot, actor)) progress.changed += 1;
          } catch (error) {
            // One envelope the provider cannot give (gone, refused) must not hold up the others; a
            // rate limit or an outage ends this connection's pass (the next fetch would meet it too).
            if (signal?.aborted || !ProviderError.is(error) || error.retryable) throw error;
            progress.providerCalls += 1;
            progress.errors.push(`${connectionId}: envelope ${row.id}: ${error.message}`);
          }
          progress.checked += 1;
          await report(progress);
        }
      }
    } catch (error) {
      // Stopped (the worker is shutting down or lost the job): not a connection's failure.
      if (signal?.aborted) throw error;
      progress.errors.push(`${connectionId}: ${(error as Error).message}`);
      context.logger.warn({ connectionId, err: (error as Error).message }, 'sync of a connection failed');
    }
    progress.connectionsDone += 1;
    await report(progress);
  }
  return progress;
}

/** Envelopes compared between two yields to the event loop: a few milliseconds of work. */
const COMPARED_PER_TURN = 200;

/**
 * Applies one listed page: the envelopes whose snapshot would change something, then the cursor
 * past the page, in one transaction (a crash never leaves the cursor past changes not applied, or
 * the reverse). The comparison runs first, outside it, on views read in bulk, yielding to the event
 * loop as it goes; the unchanged envelopes cost no write at all. Returns how many changed.
 */
async function applyPage(
  context: AppContext,
  connectionId: string,
  listed: ReadonlyArray<{ envelopeId: string; snapshot: ProviderSnapshot }>,
  cursor: string | null,
  actor: Actor,
): Promise<number> {
  const views = await syncStore.listSyncViews(context.db, listed.map(({ envelopeId }) => envelopeId));
  const changing: typeof listed[number][] = [];
  for (const [index, item] of listed.entries()) {
    if (index > 0 && index % COMPARED_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const view = views.get(item.envelopeId);
    if (view && snapshotWouldChange(view, item.snapshot)) changing.push(item);
  }
  // A callback may change one of them between the comparison and this transaction: applying
  // re-reads each envelope inside it, and statuses only move forward, so nothing is applied twice.
  return withEvents(context, async (transaction) => {
    // All of the page's envelopes locked at once, in one order, before any is read: a callback or
    // another page locking some of them waits, and none of them can deadlock this one.
    await lockRows(transaction, 'envelopes', changing.map(({ envelopeId }) => envelopeId));
    let changed = 0;
    for (const { envelopeId, snapshot } of changing) if (await applySnapshotIn(context, transaction, envelopeId, snapshot, actor)) changed += 1;
    await connections.updateConnectionRow(transaction, connectionId, { syncCursor: cursor, updatedAt: timestamp(context) });
    return changed;
  });
}

export async function runSyncAllJob(context: AppContext, job: JobContext): Promise<SyncProgress> {
  return syncAll(context, { source: 'sync' }, (progress) => job.reportProgress(progress), job.signal);
}

export async function runSyncEnvelopeJob(context: AppContext, data: { envelopeId: string; source?: Actor['source'] }, job?: JobContext): Promise<unknown> {
  const envelope = await store.findEnvelope(context.db, data.envelopeId);
  if (!envelope || !isInFlight(envelope.status) || !envelope.providerReference) return { skipped: envelope?.status ?? 'deleted' };
  await syncEnvelope(context, data.envelopeId, { source: data.source ?? 'sync' }, job?.signal);
  return { synced: true };
}

/**
 * Provider reference first, then email + role (+ step): the ways a provider can tell us who is who.
 * One person may take part in two roles (two participants, one email): when email, role and step do
 * not single one out, nobody is matched rather than one person's status applied to the wrong role.
 */
function matchParticipant<P extends Pick<Participant, 'id' | 'providerReference' | 'email' | 'role' | 'step'>>(participants: readonly P[], reported: ParticipantSnapshot): P | undefined {
  const { match } = reported;
  const byId = match.participantId ? participants.find((participant) => participant.id === match.participantId) : undefined;
  const byReference = match.providerReference ? participants.find((participant) => participant.providerReference === match.providerReference) : undefined;
  if (byId || byReference) return byId ?? byReference;
  const candidates = participants.filter(
    (participant) =>
      participant.email.toLowerCase() === match.email.toLowerCase() &&
      (match.role === undefined || participant.role === match.role) &&
      (match.step === undefined || participant.step === match.step),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

async function applyParticipant(
  context: AppContext,
  db: Db,
  envelopeId: string,
  participant: Participant,
  reported: ParticipantSnapshot,
  actor: Actor,
): Promise<boolean> {
  await syncStore.recordParticipantProgress(db, participant.id, participantProgress(participant, reported));

  const steps = reported.status.unified === null ? [] : advanceParticipantTowards(participant.status, reported.status.unified);
  for (const next of steps) {
    const detail = next === 'rejected' && reported.rejectionReason ? { reason: reported.rejectionReason } : {};
    await changeParticipantStatus(context, db, envelopeId, participant, next, actor, detail);
  }
  return steps.length > 0;
}

/** What the provider reported about a participant that is not stored yet (timestamps, reference, …). */
function participantProgress(participant: syncStore.SyncParticipant, reported: ParticipantSnapshot): syncStore.ParticipantProgress {
  const changes: syncStore.ParticipantProgress = {};
  const { timestamps } = reported;
  if (timestamps.notifiedAt && !participant.notifiedAt) changes.notified_at = timestamps.notifiedAt;
  if (timestamps.viewedAt && !participant.viewedAt) changes.viewed_at = timestamps.viewedAt;
  if (timestamps.completedAt && !participant.completedAt) changes.completed_at = timestamps.completedAt;
  if (timestamps.rejectedAt && !participant.rejectedAt) changes.rejected_at = timestamps.rejectedAt;
  if (reported.rejectionReason && reported.rejectionReason !== participant.rejectionReason) changes.rejection_reason = reported.rejectionReason;
  if (reported.signingUrl && reported.signingUrl !== participant.signingUrl) changes.signing_url = reported.signingUrl;
  if (reported.match.providerReference && !participant.providerReference) changes.provider_reference = reported.match.providerReference;
  return changes;
}

/** A status this version cannot map is kept in the history once, raw, instead of being guessed. */
async function recordUnknownStatus(context: AppContext, db: Db, envelope: Envelope, raw: unknown, actor: Actor): Promise<boolean> {
  const rawText = JSON.stringify(raw);
  const events = await store.listEvents(db, envelope.id);
  if (events.some((event) => event.type === 'provider-status-unknown' && JSON.stringify(event.detail?.raw) === rawText)) return false;
  await store.appendEvent(db, envelope.id, newEvent(context, actor, 'provider-status-unknown', { raw }));
  return true;
}

/**
 * Asks for a sync of one envelope, as news of it came (a callback, a signer's return, a skip asked of
 * the provider). At most one such job waits per envelope, however much news comes; news arriving
 * while one runs queues another behind it, since the running one may have read the provider before.
 */
export async function queueEnvelopeSync(context: Pick<AppContext, 'queue'>, envelopeId: string, source: Actor['source'], executor?: SqlExecutor): Promise<void> {
  await context.queue.enqueue(SYNC_ENVELOPE_JOB, { envelopeId, source }, { singletonKey: envelopeId, singletonScope: 'waiting', ...(executor && { executor }) });
}

/** Starts a sync of every in-flight envelope as a job; one already waiting or running is returned instead. */
export async function startSyncAll(context: AppContext): Promise<JobView> {
  const id = await context.queue.enqueue(SYNC_ALL_JOB, {}, { singletonKey: 'sync-all', maxAttempts: 1 });
  return getJob(context, id);
}
