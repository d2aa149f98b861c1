/**
 * The envelope list's queries on 10,000 envelopes (issue 15, checked against issue 12's rule that the
 * list reads indexes, never every envelope row): each sort and filter of `GET /api/v1/envelopes` and
 * each count of `GET /api/v1/envelopes/counts`, as the store runs them on SQLite, with the plan SQLite
 * chose and the median time of 20 runs. Not a bench area (no goal, no gate): run it after changing
 * those queries and read the plans.
 *
 *   npx tsx bench/envelope-list-queries.ts [envelopes]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { ENVELOPE_STATUSES, type EnvelopeStatus } from '../src/domain/envelope-status.js';
import { migrateToLatest } from '../src/store/database.js';
import { countEnvelopesByStatus, insertEnvelope, insertParticipant, listEnvelopes, type EnvelopeFilter, type EnvelopeScope } from '../src/store/envelopes.js';
import type { Database } from '../src/store/schema.js';

const COUNT = Number(process.argv[2] ?? 10_000);
const folder = mkdtempSync(join(tmpdir(), 'countersign-list-'));
const raw = new SqliteDatabase(join(folder, 'list.sqlite'));
raw.pragma('journal_mode = WAL');
let last: CompiledQuery | undefined;
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: (event) => void (last = event.query) });

try {
  await migrateToLatest(db);
  await seed();
  const now = Date.parse('2026-12-01T00:00:00.000Z');
  const member = { accountId: 'acc_member' };
  const lists: Array<[string, Omit<EnvelopeFilter, 'limit'>]> = [
    ['newest first', {}],
    ['by last change', { sort: 'updated' }],
    ['by title A→Z', { sort: 'title', order: 'asc' }],
    ['by status', { sort: 'status', order: 'asc' }],
    ['In progress tab (sending, sent)', { statuses: ['sending', 'sent'] }],
    ['Completed tab by last change', { statuses: ['completed'], sort: 'updated' }],
    ['Completed tab by title', { statuses: ['completed'], sort: 'title', order: 'asc' }],
    ['completed this week', { statuses: ['completed'], updatedSince: new Date(now - 7 * 86_400_000).toISOString() }],
    ['expiring within 7 days', { statuses: ['sending', 'sent'], expiresBefore: new Date(now + 7 * 86_400_000).toISOString() }],
    ['a member, newest first', { viewer: member }],
    ['a member, by title', { viewer: member, sort: 'title', order: 'asc' }],
    ['search "nowak" (a text search reads every row)', { q: 'nowak 77' }],
  ];
  const counts: Array<[string, EnvelopeScope]> = [
    ['counts, an admin', {}],
    ['counts, a member', { viewer: member }],
    ['completed this week', { statuses: ['completed'], updatedSince: new Date(now - 7 * 86_400_000).toISOString() }],
    ['expiring within 7 days', { statuses: ['sending', 'sent'], expiresBefore: new Date(now + 7 * 86_400_000).toISOString() }],
  ];
  console.log(`${COUNT} envelopes, 2 participants each, SQLite ${(raw.prepare('select sqlite_version() as v').get() as { v: string }).v}\n`);
  for (const [name, filter] of lists) await measure(`list of 25, ${name}`, () => listEnvelopes(db, { limit: 25, ...filter }));
  // The second page too: a keyset cursor must start where the first page ended, not read up to it.
  const first = await listEnvelopes(db, { limit: 25, sort: 'title', order: 'asc' });
  await measure('list of 25, by title A→Z, page 2', () => listEnvelopes(db, { limit: 25, sort: 'title', order: 'asc', cursor: first.nextCursor! }));
  for (const [name, scope] of counts) await measure(name, () => countEnvelopesByStatus(db, scope));
} finally {
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
}

async function measure(name: string, run: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let round = 0; round < 21; round += 1) {
    const start = performance.now();
    await run();
    if (round > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const query = last!;
  // The top-level plan lines only: the JSON subqueries of each row read their own indexes per envelope.
  const plan = raw
    .prepare(`explain query plan ${query.sql}`)
    .all(...(query.parameters as unknown[]))
    .map((row: any) => row.detail as string)
    .filter((detail) => !/CORRELATED|participants|envelope_documents|documents/.test(detail));
  console.log(`${name}: ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms\n    ${plan.join('\n    ')}`);
}

async function seed(): Promise<void> {
  const at = Date.parse('2026-11-01T00:00:00.000Z');
  const statuses: EnvelopeStatus[] = [...ENVELOPE_STATUSES];
  await db.transaction().execute(async (transaction) => {
    for (let n = 0; n < COUNT; n += 1) {
      const id = `env_01JD${String(n).padStart(22, '0')}`;
      const status = statuses[n % statuses.length]!;
      const moment = new Date(at + n * 60_000).toISOString();
      await insertEnvelope(
        transaction,
        {
          id,
          title: `${['Lease', 'sale', 'Loan', 'annex'][n % 4]} ${n}`,
          message: null,
          language: null,
          connectionId: null,
          status,
          expiresAt: n % 3 === 0 ? new Date(at + (n % 60) * 86_400_000).toISOString() : null,
          externalRef: null,
          metadata: null,
          createdAt: moment,
          updatedAt: new Date(at + ((n * 7919) % COUNT) * 60_000).toISOString(),
        },
        { createdBy: n % 5 === 0 ? 'acc_member' : null, visibility: n % 7 === 0 ? 'shared' : 'private' },
      );
      for (const [position, name] of [`Anna Nowak ${n}`, `James Dawson ${n}`].entries()) {
        const [firstName, lastName] = name.split(' ', 2) as [string, string];
        await insertParticipant(
          transaction,
          id,
          {
            id: `par_01JD${String(n * 2 + position).padStart(22, '0')}`,
            firstName,
            lastName: `${lastName} ${n}`,
            email: `${firstName.toLowerCase()}.${n}@example.com`,
            phone: null,
            role: 'signer',
            step: position + 1,
            status: 'pending',
            authentication: [],
            sealedSecretAnswer: null,
            signatureLevel: null,
            language: null,
            delivery: { mode: 'email' },
            fields: [],
          },
          position,
          moment,
        );
      }
    }
  });
  if (process.env.ANALYZE) raw.exec('analyze');
}
