import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, TEST_DIALECT, type TestDatabase } from '../../test/support/database.js';
import { migrateToLatest, type Db } from './database.js';
import { insertDocument } from './documents.js';
import { ENVELOPE_SUMMARY_SQLITE, ENVELOPE_SUMMARY_TRIGGERS } from './envelope-summaries.js';
import { saveSendCheckpoint, setParticipantStatus } from './envelope-sending.js';
import { deleteEnvelopeRow, deleteParticipantRow, insertEnvelope, insertParticipant, listEnvelopes, setEnvelopeDocuments, updateEnvelopeRow, updateParticipantRow } from './envelopes.js';

/**
 * The stored summaries of the envelope list (SQLite only: envelope-summaries.ts): whatever changes a
 * row a summary is built from forgets the stored summary, so that every summary stored is the one
 * its rows build now; a page of the list stores the summaries it had to build.
 */

let database: TestDatabase;
let db: Db;
const AT = '2026-12-01T10:00:00.000Z';

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
});

afterEach(async () => {
  await database.close();
});

/** Each envelope's stored summary, and the one SQLite builds from its rows now: the two must agree. */
async function storedAndBuilt(): Promise<{ stored: Record<string, string>; built: Record<string, string> }> {
  const stored = await sql<{ id: string; summary: string }>`select envelope_id as id, summary from envelope_summaries`.execute(db);
  const built = await sql<{ id: string; summary: string }>`select envelopes.id as id, ${sql.raw(ENVELOPE_SUMMARY_SQLITE)} as summary from envelopes`.execute(db);
  const byId = (rows: Array<{ id: string; summary: string }>) => Object.fromEntries(rows.map((row) => [row.id, row.summary]));
  return { stored: byId(stored.rows), built: byId(built.rows) };
}

/** Every summary stored is the one its rows build now (an envelope may have none stored). */
async function expectStoredCurrent(what: string) {
  const { stored, built } = await storedAndBuilt();
  for (const [id, summary] of Object.entries(stored)) expect(summary, `${what}: ${id}`).toBe(built[id]);
  return stored;
}

/** A page of the list with every envelope, which stores the summaries it builds. */
async function listAll() {
  return (await listEnvelopes(db, { limit: 100 })).data;
}

async function envelope(id: string) {
  await insertEnvelope(db, { id, title: `Envelope ${id}`, message: null, language: null, connectionId: null, status: 'draft', expiresAt: null, externalRef: null, metadata: null, createdAt: AT, updatedAt: AT });
}

async function participant(envelopeId: string, id: string, step: number) {
  await insertParticipant(
    db,
    envelopeId,
    { id, firstName: 'Ann', lastName: id, email: `${id}@example.com`, phone: null, role: 'signer', step, status: 'pending', authentication: [], sealedSecretAnswer: null, signatureLevel: null, language: null, delivery: { mode: 'email' }, fields: [] },
    step,
    AT,
  );
}

describe.runIf(TEST_DIALECT === 'sqlite')('stored envelope summaries (SQLite)', () => {
  it('are forgotten at every write to an envelope, its participants or its documents, and stored again by the next page', async () => {
    await insertDocument(db, { id: 'doc_a', filename: 'a.pdf', mediaType: 'application/pdf', size: 10, sha256: 'a'.repeat(64), blobKey: 'a', createdAt: AT, pageCount: 1, warnings: [] });
    await insertDocument(db, { id: 'doc_b', filename: 'b.pdf', mediaType: 'application/pdf', size: 11, sha256: 'b'.repeat(64), blobKey: 'b', createdAt: AT, pageCount: 1, warnings: [] });
    await envelope('env_1');
    await envelope('env_2');
    await envelope('env_3');
    expect(Object.keys((await storedAndBuilt()).stored)).toEqual([]);
    await listAll();
    expect((await storedAndBuilt()).stored).toEqual((await storedAndBuilt()).built);

    /** Runs `write`: env_1's summary is forgotten, the others' are current, and a page stores it again as built. */
    const afterWrite = async (what: string, write: () => Promise<unknown>) => {
      await write();
      const stored = await expectStoredCurrent(what);
      expect(stored['env_1'], `${what} forgets env_1's summary`).toBeUndefined();
      expect(stored['env_2'], `${what} keeps env_2's`).toBeDefined();
      const listed = await listAll();
      const { stored: again, built } = await storedAndBuilt();
      expect(again, `${what}, then a page`).toEqual(built);
      expect(listed.find((item) => typeof item === 'string' && JSON.parse(item).id === 'env_1'), `${what}: the page lists env_1 as built`).toBe(built['env_1']);
    };
    await afterWrite('adding documents', () => setEnvelopeDocuments(db, 'env_1', ['doc_b', 'doc_a']));
    await afterWrite('reordering them', () => setEnvelopeDocuments(db, 'env_1', ['doc_a', 'doc_b']));
    await afterWrite('adding a participant', () => participant('env_1', 'par_1', 2));
    await afterWrite('adding another before it', () => participant('env_1', 'par_2', 1));
    await afterWrite('a participant edited', () => updateParticipantRow(db, 'par_1', { firstName: 'Anna', sealedSecretAnswer: 'sealed', authentication: [{ method: 'secret', question: 'Code?' }] }, AT));
    await afterWrite('a participant notified by the send', () => setParticipantStatus(db, 'par_2', 'notified', AT, { signing_url: 'https://provider.example/sign' }));
    await afterWrite('a participant removed', () => deleteParticipantRow(db, 'par_1'));
    await afterWrite('the envelope edited', () => updateEnvelopeRow(db, 'env_1', { title: 'Lease', metadata: { deal: '42' }, updatedAt: AT }));
    await afterWrite('the envelope sent', () => db.updateTable('envelopes').set({ status: 'sent', provider: 'autenti', provider_reference: 'prov-1' }).where('id', '=', 'env_1').execute());
    await afterWrite('a document renamed behind the API', () => db.updateTable('documents').set({ filename: 'renamed.pdf' }).where('id', '=', 'doc_a').execute());

    // A send's checkpoint is not in the summary: saving it forgets nothing.
    await saveSendCheckpoint(db, 'env_1', { uploaded: true });
    expect(Object.keys(await expectStoredCurrent('a checkpoint saved')).sort()).toEqual(['env_1', 'env_2', 'env_3']);

    await deleteEnvelopeRow(db, 'env_1');
    expect(Object.keys(await expectStoredCurrent('env_1 deleted')).sort()).toEqual(['env_2', 'env_3']);
  });

  it('follow a change to any one column of an envelope, a participant or a document', async () => {
    await insertDocument(db, { id: 'doc_a', filename: 'a.pdf', mediaType: 'application/pdf', size: 10, sha256: 'a'.repeat(64), blobKey: 'a', createdAt: AT, pageCount: 1, warnings: [] });
    await envelope('env_1');
    await setEnvelopeDocuments(db, 'env_1', ['doc_a']);
    await participant('env_1', 'par_1', 1);
    // Values no code would write (a connection or account that does not exist): this is about the triggers.
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    await listAll();
    for (const [table, id] of [['envelopes', 'env_1'], ['participants', 'par_1'], ['documents', 'doc_a']] as const) {
      const columns = await sql<{ name: string }>`select name from pragma_table_info(${table}) where name not in ('id', 'envelope_id')`.execute(db);
      for (const { name } of columns.rows) {
        // JSON text of the shape of a participant's methods, for the columns the summary reads as JSON.
        await sql`update ${sql.table(table)} set ${sql.ref(name)} = ${`[{"method":"${name} changed"}]`} where id = ${id}`.execute(db);
        await expectStoredCurrent(`${table}.${name} changed`);
        await listAll();
      }
    }
  });

  it('are built for a page, unstored, where the database takes no write', async () => {
    await envelope('env_1');
    await sql`PRAGMA query_only = ON`.execute(db);
    try {
      const listed = await listAll();
      expect(listed).toEqual([(await storedAndBuilt()).built['env_1']]);
    } finally {
      await sql`PRAGMA query_only = OFF`.execute(db);
    }
    expect((await storedAndBuilt()).stored).toEqual({});
  });

  it('make a failure to store them other than a write refused an error, not a page built unstored', async () => {
    await envelope('env_1');
    await sql`create trigger summaries_broken before insert on envelope_summaries begin select raise(abort, 'summaries broken'); end`.execute(db);
    await expect(listAll()).rejects.toThrow('summaries broken');
  });

  it('are left as they are at a start that finds this build’s triggers', async () => {
    await envelope('env_1');
    await listAll();
    // Not what env_1's rows give: only a rebuild would write it again.
    await sql`update envelope_summaries set summary = '{}'`.execute(db);
    await migrateToLatest(db);
    expect((await storedAndBuilt()).stored['env_1']).toBe('{}');
  });

  it('are rebuilt with their triggers at a start that finds other triggers than this build’s', async () => {
    await envelope('env_1');
    await participant('env_1', 'par_1', 1);
    await listAll();
    // As an older build would have left them: a trigger this build no longer has, one it changed, and
    // summaries of that build's SQL.
    await sql`create trigger envelope_summary_gone after insert on accounts begin select 1; end`.execute(db);
    await sql`drop trigger envelope_summary_participant_updated`.execute(db);
    await sql`create trigger envelope_summary_participant_updated after update on participants begin select 1; end`.execute(db);
    await sql`update envelope_summaries set summary = '{}'`.execute(db);

    await migrateToLatest(db);

    const triggers = await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger' and name like 'envelope_summary_%'`.execute(db);
    expect(triggers.rows.map((row) => row.sql).sort()).toEqual([...ENVELOPE_SUMMARY_TRIGGERS].sort());
    const { stored, built } = await storedAndBuilt();
    expect(stored).toEqual(built);
    expect(JSON.parse(stored['env_1']!)).toMatchObject({ id: 'env_1', participants: [{ id: 'par_1' }] });
    // The replaced trigger works again.
    await updateParticipantRow(db, 'par_1', { firstName: 'Anna' }, AT);
    expect((await storedAndBuilt()).stored['env_1']).toBeUndefined();
    await listAll();
    expect(JSON.parse((await storedAndBuilt()).stored['env_1']!)).toMatchObject({ participants: [{ firstName: 'Anna' }] });
  });
});
