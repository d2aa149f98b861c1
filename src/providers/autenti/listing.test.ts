import { describe, expect, it } from 'vitest';
import type { AutentiClient, ProcessQuery } from './client.js';
import { listChanges, parseCursor } from './listing.js';
import type { AutentiProcess } from './types.js';

/**
 * A listing that behaves as the seed describes `modifiedAfter` (strictly after), sorted by
 * `modifiedAt` then id; `queries` records what the adapter asked.
 */
function fakeListing(processes: AutentiProcess[]) {
  const queries: ProcessQuery[] = [];
  const client = {
    async *listProcesses(query: ProcessQuery) {
      queries.push(query);
      const after = query.modifiedAfter === undefined ? -Infinity : Date.parse(query.modifiedAfter);
      const matching = processes
        .filter((process) => Date.parse(process.modifiedAt!) > after)
        .sort((a, b) => Date.parse(a.modifiedAt!) - Date.parse(b.modifiedAt!) || a.id.localeCompare(b.id));
      yield* matching.slice(query.offset ?? 0, (query.offset ?? 0) + query.limit);
    },
  } as unknown as AutentiClient;
  return { client, queries };
}

const at = (id: string, modifiedAt: string): AutentiProcess => ({ id, status: 'PROCESSING', parties: [], modifiedAt });

async function drain(client: AutentiClient, cursor: string | null, pageSize: number) {
  const references: string[] = [];
  let next = cursor;
  for (;;) {
    const page = await listChanges(client, next, pageSize);
    references.push(...page.snapshots.map((snapshot) => snapshot.reference));
    next = page.nextCursor;
    if (!page.hasMore) return { references, cursor: next };
  }
}

describe('listChanges', () => {
  it('neither skips nor repeats processes sharing one modifiedAt across a page boundary', async () => {
    const processes = [at('A', '2026-01-01T10:00:00.000Z'), at('B', '2026-01-01T10:00:00.000Z'), at('C', '2026-01-01T10:00:00.000Z'), at('D', '2026-01-01T10:00:01.000Z')];
    const { client, queries } = fakeListing(processes);
    const first = await drain(client, null, 2);
    expect(first.references).toEqual(['A', 'B', 'C', 'D']);
    // Within the pass the filter stays put and the offset advances.
    expect(queries.map((query) => [query.modifiedAfter, query.offset])).toEqual([
      [undefined, 0],
      [undefined, 2],
      [undefined, 4],
    ]);

    // Nothing changed: the next pass asks from 1 ms before the last instant and drops what it already gave.
    const quiet = await drain(client, first.cursor, 2);
    expect(quiet.references).toEqual([]);
    expect(queries.at(-1)!.modifiedAfter).toBe('2026-01-01T10:00:00.999Z');

    // A process changed in the same millisecond as the last one seen, listed only now, is not lost.
    processes.push(at('E', '2026-01-01T10:00:01.000Z'));
    processes[0] = at('A', '2026-01-01T10:00:05.000Z');
    const changed = await drain(client, quiet.cursor, 2);
    expect(changed.references).toEqual(['E', 'A']);
    expect((await drain(client, changed.cursor, 2)).references).toEqual([]);
  });

  it('reads a plain ISO timestamp as a cursor, and anything unreadable as a fresh start', () => {
    expect(parseCursor('2021-01-12T13:11:02.002Z')).toEqual({ modifiedAfter: '2021-01-12T13:11:02.002Z', offset: 0 });
    expect(parseCursor('not a cursor')).toEqual({ offset: 0 });
    expect(parseCursor('{broken')).toEqual({ offset: 0 });
    expect(parseCursor(null)).toEqual({ offset: 0 });
  });
});
