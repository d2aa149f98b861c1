import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../support/http.js';
import { FIXTURES } from '../support/fixtures.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';
import { waitUntil } from '../support/waiting.js';
import { queryServerDatabase, SERVERS_ON_POSTGRES } from '../support/server-database.js';

/**
 * The envelope model of issue 8: authentication, signature level, language, delivery and fields per
 * participant, checked without a provider (a server with no connection) and against the built-in
 * Autenti sandbox's capabilities (a server whose default connection is that sandbox).
 */

const james = { firstName: 'James', lastName: 'Dawson', email: 'james.dawson@example.com', role: 'signer' };

type Running = { server: ServerProcess; api: ApiClient; folder: ReturnType<typeof temporaryDataDir>; pdfId: string; pages: number };

async function start(env: Record<string, string> = {}): Promise<Running> {
  const folder = temporaryDataDir();
  const server = await startServer({ dataDir: folder.dataDir, env });
  const api = apiClient(server.url, server.apiKey);
  const upload = await api.upload('/api/v1/documents', FIXTURES.pdf, 'Agreement.pdf');
  expect(upload.status).toBe(201);
  return { server, api, folder, pdfId: upload.body.id, pages: upload.body.pageCount };
}

describe('without a provider connection', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({ COUNTERSIGN_SANDBOXES: 'off' });
    expect((await running.api.get('/api/v1/connections')).body.data).toEqual([]);
  });
  afterAll(async () => {
    await running?.server.stop();
    running?.folder.remove();
  });

  it('keeps every participant option, and never returns a secret answer', async () => {
    const { api, pdfId, pages } = running;
    const participant = {
      ...james,
      phone: '+48722722722',
      authentication: [{ method: 'sms' }, { method: 'secret', question: 'Your customer number?', answer: 'C-4711' }, { method: 'eid', scheme: 'itsme' }],
      signatureLevel: 'qualified',
      language: 'fr',
      delivery: { mode: 'embedded', returnUrl: 'https://crm.example.com/deals/7/signed' },
      fields: [
        { type: 'signature', documentId: pdfId, page: pages, left: 72, top: 650, width: 180, height: 50 },
        { type: 'date', documentId: pdfId, anchor: '[[date-1]]', pages: [1], offsetX: 0, offsetY: 12 },
      ],
    };
    const created = await api.post('/api/v1/envelopes', { title: 'Every option', documentIds: [pdfId], participants: [participant] });
    expect(created.status).toBe(201);
    const stored = created.body.participants[0];
    expect(stored).toMatchObject({
      authentication: [{ method: 'sms' }, { method: 'secret', question: 'Your customer number?', answerSet: true }, { method: 'eid', scheme: 'itsme' }],
      signatureLevel: 'qualified',
      language: 'fr',
      delivery: participant.delivery,
      fields: participant.fields,
    });
    const fetched = await api.get(`/api/v1/envelopes/${created.body.id}`);
    expect(fetched.body.participants[0]).toEqual(stored);
    for (const answer of [JSON.stringify(created.body), JSON.stringify(fetched.body), JSON.stringify((await api.get('/api/v1/envelopes')).body)]) {
      expect(answer).not.toContain('C-4711');
    }
    // Nor is it in the database in clear: it is sealed like provider secrets. On SQLite the file itself
    // (and its WAL) is searched; on PostgreSQL the participants' rows.
    if (SERVERS_ON_POSTGRES) {
      const rows = JSON.stringify(await queryServerDatabase(running.folder, 'select * from participants'));
      expect(rows).toContain('Your customer number?');
      expect(rows).not.toContain('C-4711');
    } else {
      const files = ['countersign.sqlite', 'countersign.sqlite-wal'].map((name) => `${running.folder.dataDir}/${name}`).filter((path) => existsSync(path));
      expect(files.some((path) => readFileSync(path).includes(Buffer.from('Your customer number?')))).toBe(true);
      expect(files.some((path) => readFileSync(path).includes(Buffer.from('C-4711')))).toBe(false);
    }

    // A participant who asked for nothing gets the defaults.
    const added = await api.post(`/api/v1/envelopes/${created.body.id}/participants`, { ...james, email: 'plain@example.com' });
    expect(added.body).toMatchObject({ authentication: [{ method: 'email-link' }], signatureLevel: null, language: null, delivery: { mode: 'email' }, fields: [] });

    // Changing the methods without a secret forgets the answer.
    const changed = await api.patch(`/api/v1/envelopes/${created.body.id}/participants/${stored.id}`, { authentication: [{ method: 'email-link' }] });
    expect(changed.status).toBe(200);
    expect(changed.body.authentication).toEqual([{ method: 'email-link' }]);
  });

  it('changes only what a participant PATCH names: a step left out stays as it was', async () => {
    const { api, pdfId } = running;
    const created = await api.post('/api/v1/envelopes', {
      title: 'Two steps',
      documentIds: [pdfId],
      participants: [james, { ...james, email: 'anna.nowak@example.com', firstName: 'Anna', lastName: 'Nowak', step: 2 }],
    });
    expect(created.status).toBe(201);
    const anna = created.body.participants[1];
    const renamed = await api.patch(`/api/v1/envelopes/${created.body.id}/participants/${anna.id}`, { firstName: 'Annie' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ firstName: 'Annie', step: 2 });
  });

  it('lets one person sign and receive a copy, each role with its own row', async () => {
    const { api, pdfId } = running;
    const created = await api.post('/api/v1/envelopes', {
      title: 'Sign and keep a copy',
      documentIds: [pdfId],
      participants: [james, { ...james, role: 'receiver' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.participants.map((participant: any) => participant.role)).toEqual(['signer', 'receiver']);
    const twice = await api.post(`/api/v1/envelopes/${created.body.id}/participants`, { ...james, firstName: 'Jim' });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([{ path: 'email', message: expect.stringContaining('already a signer') }]);
  });

  it('refuses fields beyond the page count or on other documents, and return URLs that are not http(s)', async () => {
    const { api, pdfId, pages } = running;
    const other = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Other.pdf')).body.id;
    const response = await api.post('/api/v1/envelopes', {
      title: 'Bad placement',
      documentIds: [pdfId],
      participants: [
        {
          ...james,
          delivery: { mode: 'embedded', returnUrl: 'http://' },
          fields: [
            { type: 'signature', documentId: pdfId, page: pages + 1, left: 0, top: 0, width: 100, height: 40 },
            { type: 'signature', documentId: other, page: 1, left: 0, top: 0, width: 100, height: 40 },
          ],
        },
      ],
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { path: 'participants[0].delivery.returnUrl', message: expect.stringContaining('http or https') },
      { path: 'participants[0].fields[0].page', message: `page ${pages + 1} is beyond the end of document ${pdfId}, which has ${pages} page${pages === 1 ? '' : 's'}` },
      { path: 'participants[0].fields[1].documentId', message: expect.stringContaining('not a document of this envelope') },
    ]);
    const scheme = await api.post('/api/v1/envelopes', {
      title: 'Bad return URL',
      documentIds: [pdfId],
      participants: [{ ...james, delivery: { mode: 'embedded', returnUrl: 'javascript:alert(1)' } }],
    });
    expect(scheme.status).toBe(400);
    expect(scheme.body.errors.map((error: any) => error.path)).toContain('participants[0].delivery.returnUrl');
  });

  it('names the bad member of a box or an anchor field, not the other shape’s members', async () => {
    const { api, pdfId } = running;
    const response = await api.post('/api/v1/envelopes', {
      title: 'Misshapen fields',
      documentIds: [pdfId],
      participants: [
        {
          ...james,
          fields: [
            { type: 'signature', documentId: pdfId, page: 1, left: 0, top: 0, width: 0, height: 40 },
            { type: 'signature', documentId: pdfId, anchor: '' },
          ],
        },
      ],
      language: 'not a language',
    });
    expect(response.status).toBe(400);
    // Each field was also checked as the other shape ("anchor is required", "page is not a known
    // field"); only the shape the field has is reported, and a nullable value is not told "must be null".
    expect(response.body.errors).toEqual([
      { path: 'language', message: 'must be a language code such as en, pl or fr-BE' },
      { path: 'participants[0].fields[0].width', message: 'must be > 0' },
      { path: 'participants[0].fields[1].anchor', message: 'must not be empty' },
    ]);
  });

  it('refuses taking a document away from under a field', async () => {
    const { api, pdfId } = running;
    const second = (await api.upload('/api/v1/documents', FIXTURES.pdf, 'Annex.pdf')).body.id;
    const created = await api.post('/api/v1/envelopes', {
      title: 'Annex signed',
      documentIds: [pdfId, second],
      participants: [{ ...james, fields: [{ type: 'signature', documentId: second, page: 1, left: 0, top: 0, width: 100, height: 40 }] }],
    });
    expect(created.status).toBe(201);
    const refused = await api.patch(`/api/v1/envelopes/${created.body.id}`, { documentIds: [pdfId] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { path: `participants[${created.body.participants[0].id}].fields[0].documentId`, message: expect.stringContaining('not a document of this envelope') },
    ]);
  });
});

describe('against the built-in Autenti sandbox', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running?.server.stop();
    running?.folder.remove();
  });

  /** The process as the sandbox holds it (its control route takes the server's admin key). */
  async function sandboxProcess(reference: string) {
    const response = await running.api.get<{ parties: Array<{ role: string; constraints: unknown }> }>(
      `/sandbox/autenti/_sandbox/document-processes/${reference}`,
    );
    return response.body;
  }

  it('refuses at create, naming each capability Autenti lacks, before any provider call', async () => {
    const { api, pdfId } = running;
    const response = await api.post('/api/v1/envelopes', {
      title: 'Too much for Autenti',
      documentIds: [pdfId],
      expiresAt: '2099-01-01T00:00:00Z',
      participants: [
        {
          ...james,
          phone: '+48722722722',
          authentication: [{ method: 'call' }],
          language: 'fr',
          delivery: { mode: 'embedded', returnUrl: 'https://crm.example.com/done' },
          // Autenti takes signature boxes (VISUALISATION, issue 9) but no text anchors.
          fields: [{ type: 'signature', documentId: pdfId, anchor: '[[sign-1]]' }],
        },
      ],
    });
    expect(response.status).toBe(422);
    const named = response.body.errors.map((error: any) => [error.path, /capability "(\w+)"/.exec(error.message)?.[1]]);
    expect(named).toEqual([
      ['expiresAt', 'expiry'],
      ['participants[0].authentication[0]', 'authenticationMethods'],
      ['participants[0].language', 'participantLanguage'],
      ['participants[0].delivery', 'embeddedSigning'],
      ['participants[0].fields[0]', 'signatureFields'],
    ]);
    expect(response.body.detail).toMatch(/Autenti/);
    const listed = await api.get('/api/v1/envelopes?q=Too%20much');
    expect(listed.body.data).toEqual([]);
  });

  it('refuses edits that ask for what Autenti lacks, naming the capability, and leaves the envelope as it was', async () => {
    const { api, pdfId } = running;
    const created = await api.post('/api/v1/envelopes', { title: 'Editable', documentIds: [pdfId], participants: [james] });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const expiry = await api.patch(`/api/v1/envelopes/${id}`, { expiresAt: '2099-01-01T00:00:00Z' });
    expect(expiry.status).toBe(422);
    expect(expiry.body.errors).toEqual([{ path: 'expiresAt', message: expect.stringContaining('capability "expiry"') }]);
    const embedded = await api.post(`/api/v1/envelopes/${id}/participants`, {
      ...james,
      email: 'embedded@example.com',
      delivery: { mode: 'embedded', returnUrl: 'https://crm.example.com/done' },
    });
    expect(embedded.status).toBe(422);
    expect(embedded.body.errors).toEqual([{ path: 'delivery', message: expect.stringContaining('capability "embeddedSigning"') }]);
    const secret = await api.patch(`/api/v1/envelopes/${id}/participants/${created.body.participants[0].id}`, {
      authentication: [{ method: 'secret', question: 'Q?', answer: 'A' }],
    });
    expect(secret.status).toBe(422);
    expect(secret.body.errors[0].message).toContain('capability "authenticationMethods"');
    const after = await api.get(`/api/v1/envelopes/${id}`);
    expect(after.body.expiresAt).toBeNull();
    expect(after.body.participants).toHaveLength(1);
    expect(after.body.participants[0].authentication).toEqual([{ method: 'email-link' }]);
  });

  it('sends an SMS code and a signature level through to the sandbox, and a signer who also receives a copy once', async () => {
    const { api, pdfId } = running;
    const created = await api.post('/api/v1/envelopes', {
      title: 'SMS and qualified',
      documentIds: [pdfId],
      participants: [
        { ...james, phone: '+48722722722', authentication: [{ method: 'sms' }], signatureLevel: 'qualified' },
        { ...james, role: 'receiver', step: 2 },
      ],
    });
    expect(created.status).toBe(201);
    expect((await api.post(`/api/v1/envelopes/${created.body.id}/send`)).status).toBe(202);
    const sent = await waitUntil(
      async () => (await api.get(`/api/v1/envelopes/${created.body.id}`)).body,
      (envelope) => envelope.status === 'sent' || envelope.status === 'failed',
      { what: 'the envelope to be sent' },
    );
    expect(sent.status, sent.statusReason).toBe('sent');
    const process = await sandboxProcess(sent.providerReference);
    const parties = process.parties.filter((party) => party.role !== 'SENDER');
    expect(parties.map((party) => party.role)).toEqual(['SIGNER']);
    const constraints = JSON.stringify(parties[0]!.constraints);
    expect(constraints).toContain('SIGNATURE_PROVIDER-SIGNATURE_TYPE:QUALIFIED');
    expect(constraints).toContain('DOCUMENT_ACCESS_OTP_AUTHORIZATION');
    expect(constraints).toContain('48722722722');

    // Signing completes the signer; the receiver completes with the envelope, each in its own row.
    const signed = await fetch(`${running.server.url}/sandbox/autenti/_sandbox/document-processes/${sent.providerReference}/parties/${james.email}/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${running.server.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'sign' }),
    });
    expect(signed.status).toBe(200);
    const synced = await api.post(`/api/v1/envelopes/${sent.id}/sync`);
    expect(synced.body.status).toBe('completed');
    expect(synced.body.participants.map((participant: any) => [participant.role, participant.status])).toEqual([
      ['signer', 'completed'],
      ['receiver', 'completed'],
    ]);
    expect(synced.body.participants[1].providerReference ?? null).toBeNull();
  });

  it('answers a signing-URL request with 422 naming embeddedSigning', async () => {
    const { api, pdfId } = running;
    const created = await api.post('/api/v1/envelopes', { title: 'No embedded', documentIds: [pdfId], participants: [james] });
    const response = await api.get(`/api/v1/envelopes/${created.body.id}/participants/${created.body.participants[0].id}/signing-url`);
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('capability "embeddedSigning"');
  });
});
