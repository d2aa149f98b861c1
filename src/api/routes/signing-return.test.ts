import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeProvider, fakeRegistry, type FakeProvider } from '../../../test/support/fake-provider.js';
import { buildTestServer, createReadyEnvelope, createTestConnection, createTestContext, jobContextOf } from '../../../test/support/app-context.js';
import type { AppContext } from '../../app/context.js';
import { requestSend, runSendJob } from '../../app/envelopes/sending.js';
import { acceptSigningReturn, signingReturnUrl } from '../../app/envelopes/signing-return.js';
import { participantSigningUrl } from '../../app/envelopes/signing-url.js';
import * as connections from '../../store/connections.js';
import type { CountersignServer } from '../server.js';

/**
 * The signing return page over the real HTTP stack (buildServer, injected requests), with a fake
 * adapter that records the send request: the address the provider gets, and what the page does.
 */

let fake: FakeProvider;
let context: AppContext;
let close: () => Promise<void>;
let server: CountersignServer;
let connectionId: string;

beforeEach(async () => {
  fake = createFakeProvider({ capabilities: { embeddedSigning: true } });
  ({ context, close } = await createTestContext(fakeRegistry(fake)));
  connectionId = await createTestConnection(context);
  server = await buildTestServer(context);
});

afterEach(async () => {
  await server.close();
  await close();
});

const HOST_RETURN = 'https://host.example.com/after-signing?order=42';

/** A sent envelope with Anna signing in the host's application and Bert by email. */
async function sentWithEmbeddedSigner(): Promise<{ envelopeId: string; anna: string; bert: string }> {
  const envelopeId = await createReadyEnvelope(context, connectionId, {
    participants: [
      { firstName: 'Anna', lastName: 'Nowak', email: 'anna@client.test', role: 'signer', step: 1, delivery: { mode: 'embedded', returnUrl: HOST_RETURN } },
      { firstName: 'Bert', lastName: 'Berg', email: 'bert@client.test', role: 'signer', step: 1 },
    ],
  });
  await requestSend(context, envelopeId, { source: 'api' });
  await runSendJob(context, { envelopeId }, jobContextOf(1));
  const envelope = (await context.db.selectFrom('participants').select(['id', 'email']).where('envelope_id', '=', envelopeId).execute()) as Array<{ id: string; email: string }>;
  return { envelopeId, anna: envelope.find((row) => row.email === 'anna@client.test')!.id, bert: envelope.find((row) => row.email === 'bert@client.test')!.id };
}

const syncJobs = async (envelopeId: string) =>
  (await sql<{ id: string }>`select id from jobs where name = 'sync-envelope' and data like ${`%${envelopeId}%`}`.execute(context.db)).rows.length;

async function returnPageOf(envelopeId: string, participantId: string): Promise<string> {
  const connection = (await connections.findConnection(context.db, connectionId))!;
  return signingReturnUrl(context, connection, envelopeId, participantId)!;
}

describe('the signing return page', () => {
  it('is the return address the provider gets for an embedded participant, signed, and the host address for nobody else', async () => {
    const { envelopeId, anna } = await sentWithEmbeddedSigner();
    const request = [...fake.sent.values()][0]!.request;
    const [annaSent, bertSent] = request.participants;
    expect(annaSent!.delivery).toEqual({ mode: 'embedded', returnUrl: await returnPageOf(envelopeId, anna) });
    expect(annaSent!.delivery.mode === 'embedded' && annaSent!.delivery.returnUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:3000/signing/return/${envelopeId}/${anna}\\?sig=[A-Za-z0-9_-]{43}$`),
    );
    expect(bertSent!.delivery).toEqual({ mode: 'email' });
  });

  it('gives the same return address when a fresh signing URL is asked', async () => {
    const { envelopeId, anna } = await sentWithEmbeddedSigner();
    let given: string | null = null;
    fake.signingUrl = async (_reference, _participant, options) => {
      given = options.returnUrl;
      return { url: 'https://provider.example/sign/1' };
    };
    await participantSigningUrl(context, envelopeId, anna);
    expect(given).toBe(await returnPageOf(envelopeId, anna));
  });

  it('syncs the envelope, says the outcome in plain words and sends the person on to the host with the same status, without sign-in', async () => {
    const { envelopeId, anna } = await sentWithEmbeddedSigner();
    const before = await syncJobs(envelopeId);
    const answer = await server.inject({ method: 'GET', url: `${new URL(await returnPageOf(envelopeId, anna)).pathname}${new URL(await returnPageOf(envelopeId, anna)).search}&status=decline` });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body).toContain('<h1 data-outcome="declined">You declined to sign</h1>');
    expect(answer.body).toContain('Anna Nowak · Boat rental agreement');
    const onward = 'https://host.example.com/after-signing?order=42&amp;status=decline';
    expect(answer.body).toContain(`<a class="button" href="${onward}">Continue</a>`);
    expect(answer.body).toContain(`<meta http-equiv="refresh" content="2;url=${onward}">`);
    // Framed by the host's own origin only.
    expect(answer.headers['content-security-policy']).toContain('frame-ancestors https://host.example.com');
    expect(answer.headers['x-frame-options']).toBeUndefined();
    expect(await syncJobs(envelopeId)).toBe(before + 1);
  });

  it('says it is checking when the provider gave no status, and still syncs', async () => {
    const { envelopeId, anna } = await sentWithEmbeddedSigner();
    const page = new URL(await returnPageOf(envelopeId, anna));
    const answer = await server.inject({ method: 'GET', url: `${page.pathname}${page.search}` });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('data-outcome="unknown"');
    expect(answer.body).toContain('href="https://host.example.com/after-signing?order=42"');
    expect(await syncJobs(envelopeId)).toBeGreaterThan(0);
  });

  it('still shows the page, without starting a sync, when the connection used up its allowance', async () => {
    const { envelopeId, anna } = await sentWithEmbeddedSigner();
    const signature = new URL(await returnPageOf(envelopeId, anna)).searchParams.get('sig')!;
    const before = await syncJobs(envelopeId);
    const asked: string[] = [];
    const shown = await acceptSigningReturn(context, { envelopeId, participantId: anna, signature, status: 'success' }, (key) => {
      asked.push(key);
      return false;
    });
    expect(shown).toMatchObject({ outcome: 'signed', continueUrl: `${HOST_RETURN}&status=success` });
    expect(asked).toEqual([connectionId]);
    expect(await syncJobs(envelopeId)).toBe(before);
  });

  it('refuses a wrong signature, another participant and an email participant with a problem+json 404, enqueuing nothing', async () => {
    const { envelopeId, anna, bert } = await sentWithEmbeddedSigner();
    const good = new URL(await returnPageOf(envelopeId, anna));
    const before = await syncJobs(envelopeId);
    const attempts = [
      `/signing/return/${envelopeId}/${anna}?sig=${'A'.repeat(43)}&status=success`,
      `/signing/return/${envelopeId}/${bert}${good.search}`,
      `${(await returnPageOf(envelopeId, bert)).replace('http://127.0.0.1:3000', '')}&status=success`,
      `/signing/return/env_nothing/${anna}${good.search}`,
    ];
    for (const url of attempts) {
      const answer = await server.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.headers['content-type'], url).toContain('application/problem+json');
      expect(answer.json().detail, url).toMatch(/signing return page/);
    }
    const missing = await server.inject({ method: 'GET', url: `/signing/return/${envelopeId}/${anna}` });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('sig');
    expect(await syncJobs(envelopeId)).toBe(before);
  });
});
