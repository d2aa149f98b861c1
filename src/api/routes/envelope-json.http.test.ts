import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from '../../../test/support/fake-provider.js';
import { TEST_API_KEY, createTestDocument, jobContextOf, startTestApi } from '../../../test/support/app-context.js';
import type { AppContext } from '../../app/context.js';
import { readEnvelopeView } from '../../app/envelopes/envelope-view.js';
import { runSendJob } from '../../app/envelopes/sending.js';
import { ProviderError } from '../../providers/errors.js';
import { fastifyCompilers } from '../lazy-compilers.js';
import { EnvelopeSchema } from '../schemas.js';
import type { CountersignServer } from '../server.js';

/**
 * GET /api/v1/envelopes and GET /api/v1/envelopes/{id} over the real HTTP stack. On SQLite the
 * database writes a listed envelope's JSON (store/envelope-summaries.ts), and a single envelope's with
 * its events when it can have neither a send decision nor an archive (app/envelopes/envelope-view.ts);
 * otherwise, and on PostgreSQL, the envelope read as objects is serialised by the route's schema. An
 * envelope must read the same whichever way it is written, whatever it holds: the reference is the
 * envelope as the app reads it (`readEnvelopeView`), serialised by `EnvelopeSchema`'s compiled serializer.
 */

const KEY = TEST_API_KEY;
let context: AppContext;
let close: () => Promise<void>;
let server: CountersignServer;
let connectionId: string;
let fake: FakeProvider;

beforeEach(async () => {
  fake = createFakeProvider({
    capabilities: {
      authenticationMethods: ['email-link', 'sms', 'call', 'secret', 'eid'],
      eidSchemes: ['itsme'],
      signatureLevels: ['basic', 'qualified'],
      signatureFields: ['box', 'anchor'],
      fieldTypes: ['signature', 'date', 'text'],
      anchorAdjustments: true,
      embeddedSigning: true,
      expiry: true,
      participantLanguage: true,
    },
  });
  ({ context, connectionId, server, close } = await startTestApi(fake));
});

afterEach(() => close());

const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  server.inject({ method, url, headers: { authorization: `Bearer ${KEY}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

async function created(body: Record<string, unknown>): Promise<string> {
  const answer = await call('POST', '/api/v1/envelopes', body);
  expect(answer.statusCode, answer.body).toBe(201);
  return answer.json().id as string;
}

const serializeEnvelope = fastifyCompilers().buildSerializer({}, {})({ schema: EnvelopeSchema, method: 'GET', url: '/api/v1/envelopes/:envelopeId', httpStatus: '200' });

/** The envelope as the app reads it, serialised by the GET's response schema. */
async function serialised(id: string): Promise<string> {
  return String(serializeEnvelope(await readEnvelopeView(context.db, id)));
}

async function sent(id: string): Promise<void> {
  expect((await call('POST', `/api/v1/envelopes/${id}/send`)).statusCode).toBe(202);
  await runSendJob(context, { envelopeId: id }, jobContextOf(1));
}

/**
 * Envelopes that hold every kind of field, newest last: a bare draft; a ready one with every envelope
 * and participant option and text that JSON must escape; one sent; one whose send the provider refused
 * (with text to escape) and that was then sent, its history holding the failure; a refused one; and
 * one whose send's outcome was lost, which waits for a decision.
 */
async function variedEnvelopes(): Promise<string[]> {
  const contract = await createTestDocument(context, 'Contract');
  const annex = await createTestDocument(context, 'Annex');
  const ids = [
    // No documents, no participants, every optional field null.
    await created({ title: 'Empty draft', documentIds: [], participants: [] }),
    // Every envelope field, text that JSON must escape, two documents in the order given.
    await created({
      title: 'Quotes " and \\ backslash, a tab\t, a newline\n, é, 中文 and 🚤',
      message: 'Line one\nLine two\u0001',
      language: 'pl',
      connectionId,
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      externalRef: 'crm-42',
      metadata: { deal: '42', 'owner "name"': 'Anna\nNowak' },
      documentIds: [annex, contract],
      participants: [
        // Every participant option: methods with and without their own members, a secret's answer
        // (never shown), embedded delivery, fields of both placements.
        {
          firstName: 'Anna', lastName: 'Nowak', email: 'anna@client.test', phone: '+48722722722', role: 'signer', step: 1,
          authentication: [{ method: 'sms' }, { method: 'secret', question: 'Boat name?', answer: 'Wavedancer' }, { method: 'eid', scheme: 'itsme' }],
          signatureLevel: 'qualified',
          language: 'fr',
          delivery: { mode: 'embedded', returnUrl: 'https://crm.example.com/deals/42/signed' },
          fields: [
            { type: 'signature', documentId: contract, page: 1, left: 72, top: 650.5, width: 180, height: 50 },
            { type: 'date', documentId: annex, anchor: '[[date-1]]', pages: [1], offsetX: 0, offsetY: 12 },
          ],
        },
        // The defaults: the default method, email delivery, no fields; a later step listed second
        // though added first.
        { firstName: 'Carl', lastName: 'Berg', email: 'carl@client.test', role: 'signer', step: 2 },
        { firstName: 'Bert', lastName: 'Berg', email: 'bert@client.test', role: 'signer', step: 1, authentication: [{ method: 'call' }], phone: '+48722722723' },
      ],
    }),
  ];
  const sendable = (title: string) =>
    created({ title, connectionId, documentIds: [contract], participants: [{ firstName: 'Dora', lastName: 'Lind', email: 'dora@client.test', role: 'signer', step: 1 }] });
  const refusal = () => new ProviderError({ kind: 'validation', provider: 'autenti', httpStatus: 400, message: 'The title "Q4" is refused:\n\ttoo short \u0001 🚤' });
  // Sent: the provider's reference, participants notified.
  ids.push(await sendable('Sent one'));
  await sent(ids.at(-1)!);
  // Refused, then sent: sent, with the refusal's reason in its history.
  ids.push(await sendable('Refused, then sent'));
  fake.failNextSend(refusal());
  await sent(ids.at(-1)!);
  await sent(ids.at(-1)!);
  // Refused: failed, needing no decision.
  ids.push(await sendable('Refused'));
  fake.failNextSend(refusal());
  await sent(ids.at(-1)!);
  // Its outcome lost: failed, waiting for a decision.
  ids.push(await sendable('Lost'));
  fake.failNextSend(new ProviderError({ kind: 'outcome-unknown', provider: 'autenti', httpStatus: 409, message: 'The provider may have "it".' }));
  await sent(ids.at(-1)!);
  return ids;
}

describe('reading envelopes', () => {
  it('answers GET /envelopes/{id} as the schema serialises the envelope as read, whichever way it is written', async () => {
    const ids = await variedEnvelopes();
    const statuses = [];
    for (const id of ids) {
      const answer = await call('GET', `/api/v1/envelopes/${id}`);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      // The same values; not always the same bytes, since the schema's serializer writes the optional
      // members (`createdBy`, `visibility`) last and the database writes them before the history.
      expect(answer.json()).toEqual(JSON.parse(await serialised(id)));
      statuses.push(answer.json().status);
    }
    expect(statuses).toEqual(['draft', 'ready', 'sent', 'sent', 'failed', 'failed']);
    expect((await call('GET', `/api/v1/envelopes/${ids[1]}`)).body).not.toContain('Wavedancer');
    // The history holds what JSON must escape, and the lost outcome's decision is shown.
    const refusedThenSent = (await call('GET', `/api/v1/envelopes/${ids[3]}`)).json();
    expect(refusedThenSent.events.map((event: { type: string }) => event.type)).toContain('envelope-failed');
    expect(JSON.stringify(refusedThenSent.events)).toContain('too short');
    expect((await call('GET', `/api/v1/envelopes/${ids[5]}`)).json().sendDecision).toMatchObject({ needed: true });
  });

  it('lists each envelope as GET /envelopes/{id} shows it, without its history, decision and archive', async () => {
    const ids = await variedEnvelopes();
    const listed = await call('GET', '/api/v1/envelopes?limit=100');
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['content-type']).toBe('application/json; charset=utf-8');
    const page = listed.json();
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((envelope: { id: string }) => envelope.id)).toEqual(ids.toReversed());
    for (const item of page.data) {
      const { events, sendDecision, archive, ...shown } = JSON.parse(await serialised(item.id));
      expect(item).toEqual(shown);
    }
    // The ones sent were sent, the rest as created or refused, and a secret's answer is never shown.
    expect(page.data.map((envelope: { status: string }) => envelope.status)).toEqual(['failed', 'failed', 'sent', 'sent', 'ready', 'draft']);
    expect(page.data[3].providerReference).toEqual(expect.any(String));
    expect(listed.body).not.toContain('Wavedancer');
  });

  it('says where the next page starts, and an empty list is an empty page', async () => {
    expect((await call('GET', '/api/v1/envelopes')).json()).toEqual({ data: [], nextCursor: null });
    const first = await created({ title: 'First', documentIds: [], participants: [] });
    const second = await created({ title: 'Second', documentIds: [], participants: [] });
    const page = (await call('GET', '/api/v1/envelopes?limit=1')).json();
    expect(page.data.map((envelope: { id: string }) => envelope.id)).toEqual([second]);
    const next = (await call('GET', `/api/v1/envelopes?limit=1&cursor=${page.nextCursor}`)).json();
    expect(next).toEqual({ data: [expect.objectContaining({ id: first, title: 'First' })], nextCursor: null });
  });
});
