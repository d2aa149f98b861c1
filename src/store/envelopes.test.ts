import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, Participant } from '../domain/envelope.js';
import { ENVELOPE_SORTS } from '../domain/envelope-list.js';
import type { EnvelopeStatus } from '../domain/envelope-status.js';
import { InvalidRequestError } from '../domain/errors.js';
import { insertAccount } from './accounts.js';
import type { Db } from './database.js';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { insertDocument } from './documents.js';
import {
  appendEvent,
  countEnvelopesByStatus,
  findEnvelope,
  findEnvelopeWithEvents,
  insertEnvelope,
  insertParticipant,
  listEnvelopes,
  setEnvelopeDocuments,
  type EnvelopeFilter,
  type ListedEnvelope,
} from './envelopes.js';
import { encodeCursor } from './pagination.js';

/**
 * The read side of envelopes against a real database (SQLite, or PostgreSQL: test/support/database.ts): each envelope and participant column lands
 * in its own field (they come from SQL as positional JSON arrays), and a list answers each filter
 * right however the SQL it built for other filters is reused.
 */

let database: TestDatabase;
let db: Db;
const AT = '2026-12-01T10:00:00.000Z';
const ACCOUNT = 'acc_01JD3Q0T2W7M5XKQ1Y9V8B6N4C';

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
  await insertAccount(db, { id: ACCOUNT, email: 'member@example.com', role: 'member', createdAt: AT, lastSignInAt: null, passwordHash: 'x' });
});

afterEach(async () => {
  await database.close();
});

/**
 * A page of the list, each envelope as the API lists it: SQLite's JSON read back, or PostgreSQL's
 * envelope without what the list leaves out (a participant's provider id).
 */
async function listed(filter: EnvelopeFilter) {
  const page = await listEnvelopes(db, filter);
  const shown = (item: ListedEnvelope) =>
    typeof item === 'string' ? (JSON.parse(item) as Envelope) : { ...item, participants: item.participants.map(({ providerReference: _notListed, ...participant }) => participant) };
  return { ...page, data: page.data.map(shown) };
}

/** Ids sort by time (src/domain/ids.ts): `n` orders them here. */
const envelopeId = (n: number) => `env_01JD3Q0T2W7M5XKQ1Y9V8B${String(n).padStart(4, '0')}`;

async function envelope(
  n: number,
  fields: { title?: string; status?: EnvelopeStatus; externalRef?: string | null; mine?: boolean; shared?: boolean; updatedAt?: string; expiresAt?: string } = {},
) {
  await insertEnvelope(
    db,
    {
      id: envelopeId(n),
      title: fields.title ?? `Envelope ${n}`,
      message: null,
      language: null,
      connectionId: null,
      status: fields.status ?? 'draft',
      expiresAt: fields.expiresAt ?? null,
      externalRef: fields.externalRef ?? null,
      metadata: null,
      createdAt: AT,
      updatedAt: fields.updatedAt ?? AT,
    },
    { createdBy: fields.mine ? ACCOUNT : null, visibility: fields.shared ? 'shared' : 'private' },
  );
  return envelopeId(n);
}

describe('reading an envelope', () => {
  it('gives every envelope and participant column its own field, and the documents in their order', async () => {
    const id = await envelope(1, { title: 'Lease' });
    // Every column a different value: they come from SQL as JSON arrays, one value after another.
    await db
      .updateTable('envelopes')
      .set({
        message: 'Please sign',
        language: 'fr',
        connection_id: 'con_1',
        status: 'sent',
        status_reason: 'Sent by hand',
        expires_at: '2026-12-31T00:00:00.000Z',
        external_ref: 'crm-7',
        metadata: JSON.stringify({ deal: '42' }),
        provider: 'autenti',
        provider_reference: 'prov-env-1',
        created_at: '2026-12-01T09:00:00.000Z',
        updated_at: '2026-12-01T09:30:00.000Z',
        created_by: ACCOUNT,
        visibility: 'shared',
      })
      .where('id', '=', id)
      .execute();
    for (const [index, name] of ['b', 'a'].entries()) {
      await insertDocument(db, { id: `doc_${name}`, filename: `${name}.pdf`, mediaType: 'application/pdf', size: 10 + index, sha256: name.repeat(64), blobKey: name, createdAt: AT, pageCount: 1, warnings: [] });
    }
    await setEnvelopeDocuments(db, id, ['doc_b', 'doc_a']);
    await insertParticipant(
      db,
      id,
      {
        id: 'par_1',
        firstName: 'Ann',
        lastName: 'Zed',
        email: 'ann@example.com',
        phone: '+48722722722',
        role: 'signer',
        step: 2,
        status: 'pending',
        authentication: [{ method: 'secret', question: 'Customer number?' }, { method: 'eid', scheme: 'itsme' }],
        sealedSecretAnswer: 'sealed',
        signatureLevel: 'qualified',
        language: 'pl',
        delivery: { mode: 'embedded', returnUrl: 'https://app.example/back' },
        fields: [{ type: 'signature', documentId: 'doc_a', page: 1, left: 10, top: 20, width: 100, height: 30 }],
      },
      0,
      AT,
    );
    // The columns only a sync or the send job writes, each a different value.
    await db
      .updateTable('participants')
      .set({
        status: 'rejected',
        rejection_reason: 'Wrong amount',
        signing_url: 'https://provider.example/sign',
        provider_reference: 'prov-1',
        notified_at: '2026-12-01T10:01:00.000Z',
        viewed_at: '2026-12-01T10:02:00.000Z',
        completed_at: '2026-12-01T10:03:00.000Z',
        rejected_at: '2026-12-01T10:04:00.000Z',
      })
      .where('id', '=', 'par_1')
      .execute();
    await insertParticipant(
      db,
      id,
      { id: 'par_2', firstName: 'Bob', lastName: 'Young', email: 'bob@example.com', phone: null, role: 'approver', step: 1, status: 'pending', authentication: [], sealedSecretAnswer: null, signatureLevel: null, language: null, delivery: { mode: 'email' }, fields: [] },
      1,
      AT,
    );

    const ann: Participant = {
      id: 'par_1',
      firstName: 'Ann',
      lastName: 'Zed',
      email: 'ann@example.com',
      phone: '+48722722722',
      role: 'signer',
      step: 2,
      authentication: [{ method: 'secret', question: 'Customer number?', answerSet: true }, { method: 'eid', scheme: 'itsme' }],
      signatureLevel: 'qualified',
      language: 'pl',
      delivery: { mode: 'embedded', returnUrl: 'https://app.example/back' },
      fields: [{ type: 'signature', documentId: 'doc_a', page: 1, left: 10, top: 20, width: 100, height: 30 }],
      status: 'rejected',
      rejectionReason: 'Wrong amount',
      signingUrl: 'https://provider.example/sign',
      providerReference: 'prov-1',
      notifiedAt: '2026-12-01T10:01:00.000Z',
      viewedAt: '2026-12-01T10:02:00.000Z',
      completedAt: '2026-12-01T10:03:00.000Z',
      rejectedAt: '2026-12-01T10:04:00.000Z',
    };
    const bob: Participant = {
      id: 'par_2',
      firstName: 'Bob',
      lastName: 'Young',
      email: 'bob@example.com',
      phone: null,
      role: 'approver',
      step: 1,
      authentication: [{ method: 'email-link' }],
      signatureLevel: null,
      language: null,
      delivery: { mode: 'email' },
      fields: [],
      status: 'pending',
      rejectionReason: null,
      signingUrl: null,
      providerReference: null,
      notifiedAt: null,
      viewedAt: null,
      completedAt: null,
      rejectedAt: null,
    };
    const expected = {
      id,
      title: 'Lease',
      message: 'Please sign',
      language: 'fr',
      connectionId: 'con_1',
      status: 'sent',
      statusReason: 'Sent by hand',
      expiresAt: '2026-12-31T00:00:00.000Z',
      externalRef: 'crm-7',
      metadata: { deal: '42' },
      provider: 'autenti',
      providerReference: 'prov-env-1',
      createdAt: '2026-12-01T09:00:00.000Z',
      updatedAt: '2026-12-01T09:30:00.000Z',
      createdBy: ACCOUNT,
      visibility: 'shared',
      documents: [
        { id: 'doc_b', filename: 'b.pdf', mediaType: 'application/pdf', size: 10, sha256: 'b'.repeat(64), createdAt: AT },
        { id: 'doc_a', filename: 'a.pdf', mediaType: 'application/pdf', size: 11, sha256: 'a'.repeat(64), createdAt: AT },
      ],
      // Step order first, then the order they were added in.
      participants: [bob, ann],
    };
    expect(await findEnvelope(db, id)).toEqual(expected);
    expect(await findEnvelopeWithEvents(db, id)).toEqual({ ...expected, events: [] });
    // The list's summary: the same, but a participant's provider id is not in it.
    const summary = { ...expected, participants: expected.participants.map(({ providerReference: _notListed, ...participant }) => participant) };
    expect((await listed({ limit: 25 })).data).toEqual([summary]);
  });

  it('gives the events oldest first, with their details and who asked, and nothing for an unknown id', async () => {
    const id = await envelope(1);
    await appendEvent(db, id, { id: 'evt_2', type: 'envelope-sent', source: 'system', actor: null, participantId: null, detail: { reference: 'prov-1' }, occurredAt: AT });
    await appendEvent(db, id, { id: 'evt_1', type: 'envelope-created', source: 'api', actor: { kind: 'user', name: 'Anna.Nowak@example.com' }, participantId: null, detail: null, occurredAt: AT });
    expect((await findEnvelopeWithEvents(db, id))?.events).toEqual([
      { id: 'evt_1', type: 'envelope-created', source: 'api', actor: { kind: 'user', name: 'Anna.Nowak@example.com' }, participantId: null, detail: null, occurredAt: AT },
      { id: 'evt_2', type: 'envelope-sent', source: 'system', actor: null, participantId: null, detail: { reference: 'prov-1' }, occurredAt: AT },
    ]);
    expect(await findEnvelopeWithEvents(db, envelopeId(9))).toBeUndefined();
  });
});

describe('listing envelopes', () => {
  it('answers each filter right whichever filters were asked before (their SQL is kept by shape)', async () => {
    await envelope(1, { title: 'Boat lease', status: 'ready', externalRef: 'crm-1' });
    await envelope(2, { title: 'House sale', status: 'sent', mine: true });
    await envelope(3, { title: 'Boat sale', status: 'ready', shared: true });
    await envelope(4, { title: 'Car 100% loan', status: 'draft', externalRef: 'crm-1', mine: true });
    await envelope(5, { title: 'Boat_trip', status: 'ready' });

    const ids = async (filter: Omit<EnvelopeFilter, 'limit'> & { limit?: number }) =>
      (await listed({ limit: 25, ...filter })).data.map((envelope) => Number(envelope.id.slice(-4)));
    const cases: Array<[Omit<EnvelopeFilter, 'limit'> & { limit?: number }, number[]]> = [
      [{}, [5, 4, 3, 2, 1]],
      [{ statuses: ['ready'] }, [5, 3, 1]],
      [{ statuses: ['sent'] }, [2]],
      [{ externalRef: 'crm-1' }, [4, 1]],
      [{ externalRef: 'crm-1', statuses: ['ready'] }, [1]],
      [{ q: 'boat' }, [5, 3, 1]],
      [{ q: '100%' }, [4]],
      [{ q: 'boat_' }, [5]],
      [{ q: 'boat', statuses: ['ready'], cursor: encodeCursor(envelopeId(5)) }, [3, 1]],
      [{ cursor: encodeCursor(envelopeId(3)) }, [2, 1]],
      [{ viewer: { accountId: ACCOUNT } }, [4, 3, 2]],
      [{ viewer: { accountId: null } }, [5, 3, 1]],
      [{ viewer: { accountId: ACCOUNT }, statuses: ['ready'] }, [3]],
      [{ viewer: { accountId: null }, q: 'sale', cursor: encodeCursor(envelopeId(4)) }, [3]],
      [{ limit: 2 }, [5, 4]],
      [{ limit: 1, statuses: ['ready'] }, [5]],
    ];
    // Twice, the second time in the reverse order: each shape's SQL is then reused after other shapes.
    for (const [filter, expected] of [...cases, ...cases.toReversed()]) {
      expect({ filter, ids: await ids(filter) }).toEqual({ filter, ids: expected });
    }
  });

  it('says where the next page starts only when there is one', async () => {
    for (let n = 1; n <= 3; n += 1) await envelope(n);
    const first = await listEnvelopes(db, { limit: 2 });
    expect(first.nextCursor).toBe(encodeCursor(envelopeId(2)));
    const second = await listed({ limit: 2, cursor: first.nextCursor! });
    expect(second.data.map((envelope) => envelope.id)).toEqual([envelopeId(1)]);
    expect(second.nextCursor).toBeNull();
  });

  it('narrows to any of several statuses, to a change since a moment and to an expiry before one', async () => {
    await envelope(1, { status: 'sent', expiresAt: '2026-12-05T00:00:00.000Z' });
    await envelope(2, { status: 'sending', expiresAt: '2026-12-20T00:00:00.000Z' });
    await envelope(3, { status: 'completed', updatedAt: '2026-12-02T08:00:00.000Z' });
    await envelope(4, { status: 'completed', updatedAt: '2026-11-25T08:00:00.000Z' });
    await envelope(5, { status: 'sent' });
    const ids = async (filter: Omit<EnvelopeFilter, 'limit'>) => (await listed({ limit: 25, ...filter })).data.map((row) => Number(row.id.slice(-4)));
    expect(await ids({ statuses: ['sending', 'sent'] })).toEqual([5, 2, 1]);
    expect(await ids({ statuses: ['completed'], updatedSince: '2026-12-01T00:00:00.000Z' })).toEqual([3]);
    // Exactly at the moment counts as since; an envelope without an expiry never expires "before".
    expect(await ids({ updatedSince: '2026-12-02T08:00:00.000Z' })).toEqual([3]);
    expect(await ids({ statuses: ['sending', 'sent'], expiresBefore: '2026-12-08T00:00:00.000Z' })).toEqual([1]);
    expect(await ids({ expiresBefore: '2027-01-01T00:00:00.000Z' })).toEqual([2, 1]);
  });

  it('pages through every order, both ways, without repeating or skipping a row, rows with the same key in id order', async () => {
    // Titles differ in case only where the order must ignore case; two share a title and two an update time.
    const rows: Array<[number, { title: string; status: EnvelopeStatus; updatedAt: string }]> = [
      [1, { title: 'banana', status: 'sent', updatedAt: '2026-12-01T10:00:03.000Z' }],
      [2, { title: 'Apple', status: 'draft', updatedAt: '2026-12-01T10:00:01.000Z' }],
      [3, { title: 'cherry', status: 'completed', updatedAt: '2026-12-01T10:00:02.000Z' }],
      [4, { title: 'apple', status: 'sent', updatedAt: '2026-12-01T10:00:02.000Z' }],
      [5, { title: 'Date', status: 'ready', updatedAt: '2026-12-01T10:00:00.000Z' }],
    ];
    for (const [n, fields] of rows) await envelope(n, fields);
    const expected: Record<(typeof ENVELOPE_SORTS)[number], number[]> = {
      created: [1, 2, 3, 4, 5],
      updated: [5, 2, 3, 4, 1],
      title: [2, 4, 1, 3, 5],
      status: [3, 2, 5, 1, 4],
    };
    for (const sort of ENVELOPE_SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        const seen: number[] = [];
        let cursor: string | undefined;
        do {
          const page = await listed({ limit: 2, sort, order, cursor });
          seen.push(...page.data.map((row) => Number(row.id.slice(-4))));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect({ sort, order, seen }).toEqual({ sort, order, seen: order === 'asc' ? expected[sort] : expected[sort].toReversed() });
      }
    }
  });

  it('refuses a cursor of another order, naming the cursor', async () => {
    for (let n = 1; n <= 3; n += 1) await envelope(n);
    const byTitle = await listEnvelopes(db, { limit: 1, sort: 'title', order: 'asc' });
    const refusal = await listEnvelopes(db, { limit: 1, sort: 'updated', order: 'asc', cursor: byTitle.nextCursor! }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InvalidRequestError);
    expect((refusal as InvalidRequestError).errors).toEqual([{ path: 'cursor', message: expect.stringMatching(/sorted by title asc, not updated asc/) }]);
    const newest = await listEnvelopes(db, { limit: 1 });
    await expect(listEnvelopes(db, { limit: 1, sort: 'title', order: 'desc', cursor: newest.nextCursor! })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe('counting envelopes by status', () => {
  it('counts the statuses of what the viewer sees, in the scope asked', async () => {
    await envelope(1, { status: 'sent', mine: true });
    await envelope(2, { status: 'sent', shared: true });
    await envelope(3, { status: 'sent' });
    await envelope(4, { status: 'completed', mine: true, updatedAt: '2026-12-03T00:00:00.000Z' });
    await envelope(5, { status: 'draft', mine: true, expiresAt: '2026-12-04T00:00:00.000Z' });
    const counts = async (scope: Parameters<typeof countEnvelopesByStatus>[1]) => Object.fromEntries(await countEnvelopesByStatus(db, scope));
    expect(await counts({})).toEqual({ sent: 3, completed: 1, draft: 1 });
    expect(await counts({ viewer: { accountId: ACCOUNT } })).toEqual({ sent: 2, completed: 1, draft: 1 });
    expect(await counts({ viewer: { accountId: null } })).toEqual({ sent: 2 });
    expect(await counts({ statuses: ['completed', 'draft'] })).toEqual({ completed: 1, draft: 1 });
    expect(await counts({ updatedSince: '2026-12-02T00:00:00.000Z' })).toEqual({ completed: 1 });
    expect(await counts({ expiresBefore: '2026-12-05T00:00:00.000Z' })).toEqual({ draft: 1 });
  });

  it('counts a text search as the list finds it, so that a searched list’s tabs add up to what it shows', async () => {
    await envelope(1, { status: 'sent', title: 'Lease for Anna' });
    await envelope(2, { status: 'draft', title: 'Lease annex' });
    await envelope(3, { status: 'completed', title: 'Sale' });
    const counts = async (scope: Parameters<typeof countEnvelopesByStatus>[1]) => Object.fromEntries(await countEnvelopesByStatus(db, scope));
    expect(await counts({ q: 'LEASE' })).toEqual({ sent: 1, draft: 1 });
    expect(await counts({ q: 'lease', statuses: ['draft'] })).toEqual({ draft: 1 });
    // The same words as a LIKE pattern match only themselves.
    expect(await counts({ q: '%' })).toEqual({});
    const found = await listed({ q: 'lease', limit: 10 });
    expect(found.data.map((listedEnvelope) => listedEnvelope.status).sort()).toEqual(['draft', 'sent']);
  });
});
