import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../../../test/support/cli.js';
import { FIXTURES } from '../../../test/support/fixtures.js';
import { apiClient, type ApiClient } from '../../../test/support/http.js';
import { startServer, temporaryDataDir, type ServerProcess } from '../../../test/support/server.js';

/**
 * POST /api/v1/envelopes/{id}/send-decision and `countersign envelopes decide` against the real
 * server: what they refuse and how they say it. (What a decision does, with a provider whose send
 * lost its outcome, is in src/app/envelopes/send-decision.test.ts.)
 */

let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;
let api: ApiClient;
let envelopeId: string;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir });
  api = apiClient(server.url, server.apiKey);
  const document = await api.upload('/api/v1/documents', FIXTURES.pdf, 'contract.pdf');
  expect(document.status).toBe(201);
  const envelope = await api.post('/api/v1/envelopes', {
    title: 'Lease',
    documentIds: [document.body.id],
    participants: [{ firstName: 'Anna', lastName: 'Nowak', email: 'anna@client.test', role: 'signer' }],
  });
  expect(envelope.status).toBe(201);
  envelopeId = envelope.body.id;
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

describe('POST /api/v1/envelopes/{id}/send-decision', () => {
  it('shows no decision needed on an envelope whose send did not lose its outcome', async () => {
    const envelope = await api.get(`/api/v1/envelopes/${envelopeId}`);
    expect(envelope.body).toMatchObject({ status: 'ready', sendDecision: null });
  });

  it('refuses with 409 unless a decision is needed, saying when one applies', async () => {
    for (const body of [{ decision: 'resend' }, { decision: 'mark-sent', providerReference: '65a1f0c2e4b0a1b2c3d4e5f6' }]) {
      const answer = await api.post(`/api/v1/envelopes/${envelopeId}/send-decision`, body);
      expect(answer.status, JSON.stringify(body)).toBe(409);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ currentStatus: 'ready' });
      expect(answer.body.detail).toContain('waits for no send decision; a decision applies only to a failed envelope whose send outcome is unknown');
    }
  });

  it('refuses a malformed decision with 400 naming the field', async () => {
    const missing = await api.post(`/api/v1/envelopes/${envelopeId}/send-decision`, { decision: 'mark-sent' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('providerReference');
    const unknown = await api.post(`/api/v1/envelopes/${envelopeId}/send-decision`, { decision: 'guess' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('decision');
  });

  it('404s for an envelope that does not exist', async () => {
    const answer = await api.post('/api/v1/envelopes/env_01NOTHINGHERE000000000000/send-decision', { decision: 'resend' });
    expect(answer.status).toBe(404);
  });
});

describe('countersign envelopes decide', () => {
  it('needs exactly one of --resend and --mark-sent', async () => {
    const countersign = cliRunner(server);
    for (const args of [[], ['--resend', '--mark-sent', 'abc']]) {
      const run = await countersign(['envelopes', 'decide', envelopeId, ...args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Give one of --resend or --mark-sent <id at the provider>');
    }
  });

  it('passes the server refusal on, exiting 1', async () => {
    const run = await cliRunner(server)(['envelopes', 'decide', envelopeId, '--mark-sent', '65a1f0c2e4b0a1b2c3d4e5f6']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('waits for no send decision');
  });
});
