import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { participantOf } from '../../../test/conformance/requests.js';
import { ProviderError } from '../errors.js';
import { createMemoryCheckpoint, type SendRequest } from '../provider.js';
import type { AutentiClient } from './client.js';
import { sendProcess, type AutentiSendState } from './send.js';
import type { AutentiFile, AutentiProcessUpdate } from './types.js';

/**
 * The order of a send with signature boxes (send.ts): files first, then the parties' PUT naming
 * their ids — also when Autenti's upload answer did not say the id.
 */

function request(): SendRequest {
  const document = (id: string, filename: string) => ({ id, filename, mediaType: 'application/pdf', size: 3, sha256: '', open: async () => Readable.from([Buffer.from('pdf')]) });
  return {
    envelopeId: 'env_1',
    title: 'Agreement',
    message: null,
    language: null,
    expiresAt: null,
    externalRef: null,
    callbackUrl: null,
    documents: [document('doc_1', 'a.pdf'), document('doc_2', 'b.pdf')],
    participants: [participantOf(1, 1, { fields: [{ type: 'signature', documentId: 'doc_2', page: 1, left: 10, top: 20, width: 100, height: 30 }] })],
  };
}

/** A stand-in for the Autenti client recording the order of calls; uploads answer without an id when `sayIds` is false. */
function fakeClient(options: { sayIds: boolean; listed?: AutentiFile[] }) {
  const calls: string[] = [];
  const puts: AutentiProcessUpdate[] = [];
  let uploaded = 0;
  const client = {
    async createProcess() {
      calls.push('create');
      return { id: 'DOCUMENT_PROCESS:1' };
    },
    async updateProcess(_id: string, update: AutentiProcessUpdate) {
      calls.push('put');
      puts.push(update);
    },
    async uploadFile(_id: string, upload: { filename: string }) {
      calls.push(`upload ${upload.filename}`);
      uploaded += 1;
      return options.sayIds ? `FILE:${uploaded}` : undefined;
    },
    async listFiles() {
      calls.push('list');
      return options.listed ?? [];
    },
    async performAction() {
      calls.push('send');
      return [];
    },
    async getProcess() {
      calls.push('get');
      return { id: 'DOCUMENT_PROCESS:1', status: 'PROCESSING', parties: [] };
    },
  };
  return { client: client as unknown as AutentiClient, calls, puts };
}

const boxesOf = (update: AutentiProcessUpdate) =>
  update.parties[0]!.constraints.filter((constraint) => constraint.classifiers?.includes('CONSTRAINT-UNIQUE_TYPE:VISUALISATION')).map((constraint) => constraint.attributes);

describe('sendProcess with signature boxes', () => {
  it('uploads the files before the PUT, whose boxes name the uploaded file ids', async () => {
    const { client, calls, puts } = fakeClient({ sayIds: true });
    await sendProcess(client, request(), createMemoryCheckpoint<AutentiSendState>());
    expect(calls).toEqual(['create', 'upload a.pdf', 'upload b.pdf', 'put', 'send', 'get']);
    expect(boxesOf(puts[0]!)).toEqual([{ fileId: 'FILE:2', page: 1, x: 10, y: 20, width: 100, height: 30 }]);
  });

  it('finds a file id Autenti did not say by its name among the process\'s files', async () => {
    const listed = [
      { id: 'FILE-SOURCE_FILE:a', filename: 'a.pdf', filePurpose: 'SOURCE_FILE' },
      { id: 'FILE-SOURCE_FILE:b', filename: 'b.pdf', filePurpose: 'SOURCE_FILE' },
    ];
    const { client, puts } = fakeClient({ sayIds: false, listed });
    await sendProcess(client, request(), createMemoryCheckpoint<AutentiSendState>());
    expect(boxesOf(puts[0]!)).toEqual([{ fileId: 'FILE-SOURCE_FILE:b', page: 1, x: 10, y: 20, width: 100, height: 30 }]);
  });

  it('refuses to place a box on a file it cannot identify, before the PUT and the send', async () => {
    const { client, calls } = fakeClient({ sayIds: false, listed: [{ id: 'FILE-SOURCE_FILE:x', filename: 'other.pdf', filePurpose: 'SOURCE_FILE' }] });
    const error = await sendProcess(client, request(), createMemoryCheckpoint<AutentiSendState>()).catch((caught: unknown) => caught);
    expect(ProviderError.is(error, 'unsupported'), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/did not say the id of uploaded file a\.pdf/);
    expect(calls).not.toContain('put');
    expect(calls).not.toContain('send');
  });

  it('keeps the seed\'s order, parties then files, without boxes', async () => {
    const { client, calls } = fakeClient({ sayIds: true });
    const plain = request();
    await sendProcess(client, { ...plain, participants: [{ ...plain.participants[0]!, fields: [] }] }, createMemoryCheckpoint<AutentiSendState>());
    expect(calls).toEqual(['create', 'put', 'upload a.pdf', 'upload b.pdf', 'send', 'get']);
  });
});
