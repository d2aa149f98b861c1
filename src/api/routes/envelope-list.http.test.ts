import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider } from '../../../test/support/fake-provider.js';
import { TEST_API_KEY, createTestDocument, jobContextOf, startTestApi } from '../../../test/support/app-context.js';
import type { AppContext } from '../../app/context.js';
import { runSendJob } from '../../app/envelopes/sending.js';
import type { CountersignServer } from '../server.js';

/**
 * GET /api/v1/envelopes over the real HTTP stack: on SQLite the database writes each listed envelope's
 * JSON (store/envelope-summaries.ts), while GET /envelopes/{id} serialises the envelope it reads by the
 * response schema. An envelope must read the same through both, whatever it holds.
 */

const KEY = TEST_API_KEY;
let context: AppContext;
let close: () => Promise<void>;
let server: CountersignServer;
let connectionId: string;

beforeEach(async () => {
  const fake = createFakeProvider({
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

describe('GET /api/v1/envelopes', () => {
  it('lists each envelope as GET /envelopes/{id} shows it, without its history, decision and archive', async () => {
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
    // Sent: the provider's reference, participants notified.
    const sent = await created({
      title: 'Sent one',
      connectionId,
      documentIds: [contract],
      participants: [{ firstName: 'Dora', lastName: 'Lind', email: 'dora@client.test', role: 'signer', step: 1 }],
    });
    expect((await call('POST', `/api/v1/envelopes/${sent}/send`)).statusCode).toBe(202);
    await runSendJob(context, { envelopeId: sent }, jobContextOf(1));
    ids.push(sent);

    const listed = await call('GET', '/api/v1/envelopes?limit=100');
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['content-type']).toBe('application/json; charset=utf-8');
    const page = listed.json();
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((envelope: { id: string }) => envelope.id)).toEqual(ids.toReversed());
    for (const item of page.data) {
      const { events, sendDecision, archive, ...shown } = (await call('GET', `/api/v1/envelopes/${item.id}`)).json();
      expect(item).toEqual(shown);
    }
    // The one sent was sent, the rest as created, and a secret's answer is never shown.
    expect(page.data.map((envelope: { status: string }) => envelope.status)).toEqual(['sent', 'ready', 'draft']);
    expect(page.data[0].providerReference).toEqual(expect.any(String));
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
