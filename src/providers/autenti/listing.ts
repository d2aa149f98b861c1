import type { ChangesPage } from '../provider.js';
import type { ProviderSnapshot } from '../snapshot.js';
import type { AutentiClient } from './client.js';
import { toSnapshot } from './mapping.js';

/**
 * Delta sync over `GET /document-processes?modifiedAfter=…&limit=…&offset=…` with
 * `Accept: application/stream+json` (seed 003 "Querying existing documents"), one call per page.
 *
 * The cursor (opaque to the app, JSON inside) works in passes, as docs/providers.md describes:
 * - Within a pass `modifiedAfter` stays fixed and `offset` advances by the page size while pages
 *   come back full (`hasMore: true`). A fixed filter with an offset does not depend on the order
 *   Autenti sorts by (the seed does not say), and processes sharing one `modifiedAt` across a page
 *   boundary are neither skipped nor repeated.
 * - At the end of a pass (a page that is not full) the next pass starts from the largest `modifiedAt`
 *   seen. `modifiedAfter` is read as strict ("after"), so the next pass asks from 1 ms earlier and
 *   drops the processes it already returned at exactly that instant (kept in the cursor): a process
 *   changed in the same millisecond as the last one seen, but listed only later, is not lost.
 * - A plain ISO 8601 timestamp is accepted as a cursor too (start a pass after that instant).
 * A process modified while a pass is under way can move within Autenti's order and make the pass
 * skip another one; it is picked up when that one changes again, or by an on-demand sync. The first
 * pass (`cursor` null) lists every process of the account.
 */

/**
 * Processes per page. Seed 003's own listing example asks for `limit=5000` with
 * `application/stream+json`, so 1,000 is within what Autenti serves: a full sync of 10,000 open
 * processes is 11 calls (10 full pages and the short one that ends the pass).
 */
export const DEFAULT_PAGE_SIZE = 1_000;
/** Processes read (checked and mapped) between two yields to the event loop. */
const YIELD_EVERY = 100;

type ListingCursor = {
  /** The filter of this pass; absent on the first pass. */
  readonly modifiedAfter?: string;
  readonly offset: number;
  /** Processes the previous pass returned at exactly `modifiedAfter` + 1 ms: not returned again unless changed. */
  readonly repeat?: { readonly at: string; readonly ids: readonly string[] };
  /** The largest `modifiedAt` seen in this pass so far, and the processes at it. */
  readonly max?: { readonly at: string; readonly ids: readonly string[] };
};

export function parseCursor(cursor: string | null): ListingCursor {
  if (cursor === null || cursor.trim() === '') return { offset: 0 };
  if (cursor.trim().startsWith('{')) {
    try {
      const parsed = JSON.parse(cursor) as Partial<ListingCursor>;
      return {
        ...(typeof parsed.modifiedAfter === 'string' ? { modifiedAfter: parsed.modifiedAfter } : {}),
        offset: typeof parsed.offset === 'number' && parsed.offset >= 0 ? parsed.offset : 0,
        ...(parsed.repeat ? { repeat: parsed.repeat } : {}),
        ...(parsed.max ? { max: parsed.max } : {}),
      };
    } catch {
      return { offset: 0 };
    }
  }
  return Number.isNaN(Date.parse(cursor)) ? { offset: 0 } : { modifiedAfter: new Date(Date.parse(cursor)).toISOString(), offset: 0 };
}

/** Largest `modifiedAt`, and every id at it, over the pass so far plus `seen`. */
function advanceMax(max: ListingCursor['max'], seen: ReadonlyArray<{ id: string; modifiedAt: string }>): ListingCursor['max'] {
  let at = max === undefined ? -Infinity : Date.parse(max.at);
  // A set, not a list searched per process: a page of processes sharing one instant stays linear.
  let ids = new Set(max?.ids ?? []);
  for (const { id, modifiedAt } of seen) {
    const time = Date.parse(modifiedAt);
    if (Number.isNaN(time) || time < at) continue;
    if (time > at) {
      at = time;
      ids = new Set();
    }
    ids.add(id);
  }
  return at === -Infinity ? undefined : { at: new Date(at).toISOString(), ids: [...ids] };
}

export async function listChanges(client: AutentiClient, cursorText: string | null, pageSize = DEFAULT_PAGE_SIZE): Promise<ChangesPage> {
  const cursor = parseCursor(cursorText);
  const snapshots: ProviderSnapshot[] = [];
  const seen: Array<{ id: string; modifiedAt: string }> = [];
  let count = 0;
  for await (const process of client.listProcesses({ modifiedAfter: cursor.modifiedAfter, limit: pageSize, offset: cursor.offset })) {
    count += 1;
    // A page already received is read without ever waiting on the network: let requests in now and then.
    if (count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    if (typeof process.modifiedAt === 'string') seen.push({ id: process.id, modifiedAt: process.modifiedAt });
    const repeated =
      cursor.repeat !== undefined &&
      cursor.repeat.ids.includes(process.id) &&
      process.modifiedAt !== undefined &&
      Date.parse(process.modifiedAt) === Date.parse(cursor.repeat.at);
    if (!repeated) snapshots.push(toSnapshot(process));
  }
  const max = advanceMax(cursor.max, seen);

  if (count >= pageSize) {
    // A full page: more may follow in this pass.
    const next: ListingCursor = { ...cursor, offset: cursor.offset + count, ...(max ? { max } : {}) };
    return { snapshots, nextCursor: JSON.stringify(next), hasMore: true };
  }
  // End of the pass: the next one starts just before the largest modifiedAt seen.
  const next: ListingCursor =
    max === undefined
      ? { ...(cursor.modifiedAfter ? { modifiedAfter: cursor.modifiedAfter } : {}), offset: 0, ...(cursor.repeat ? { repeat: cursor.repeat } : {}) }
      : { modifiedAfter: new Date(Date.parse(max.at) - 1).toISOString(), offset: 0, repeat: max };
  return { snapshots, nextCursor: JSON.stringify(next), hasMore: false };
}
