import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineCapabilities } from '../../providers/capabilities.js';
import type { SignatureProvider } from '../../providers/provider.js';
import type { Db } from '../../store/database.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { findDocuments, insertDocument } from '../../store/documents.js';
import * as store from '../../store/envelopes.js';
import type { AppContext } from '../context.js';
import { refuseWhileConverting } from '../documents/renditions.js';
import { createSecretBox } from '../secrets.js';
import { createEnvelope } from './envelopes.js';
import { buildSendRequest, envelopeProblems } from './send-request.js';

/** The conversion policy and the secret answer's path to the adapter, with a PDF-only provider. */

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let database: TestDatabase;
let db: Db;
let context: AppContext;

beforeEach(async () => {
  database = await openTestDatabase();
  db = database.db;
  context = {
    db,
    now: () => new Date('2026-11-30T12:00:00.000Z'),
    secrets: createSecretBox(randomBytes(32)),
    blobs: { read: async (key: string) => Readable.from([Buffer.from(`bytes of ${key}`)]) },
  } as unknown as AppContext;
  for (const [id, filename, mediaType] of [
    ['doc_pdf', 'terms.pdf', 'application/pdf'],
    ['doc_word', 'contract.docx', WORD],
  ] as const) {
    await insertDocument(db, { id, filename, mediaType, size: 10, sha256: '0'.repeat(64), blobKey: `blob-${id}`, createdAt: '2026-11-30T11:00:00.000Z', pageCount: mediaType === WORD ? null : 1, warnings: [] });
  }
});

afterEach(async () => {
  await database.close();
});

const pdfOnly = { id: 'consigno', capabilities: defineCapabilities({ fileKinds: ['pdf'], authenticationMethods: ['email-link', 'secret'] }) } as SignatureProvider;

async function envelope() {
  const created = await createEnvelope(
    context,
    {
      title: 'Contract',
      documentIds: ['doc_pdf', 'doc_word'],
      participants: [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', role: 'signer', authentication: [{ method: 'secret', question: 'Pet?', answer: 'Rex' }] }],
    },
    { source: 'api' },
  );
  return (await store.findEnvelope(db, created.id))!;
}

/** Gives the office document a rendition as the convert-document job leaves it. */
async function renditionOf(status: 'pending' | 'ready' | 'failed' | 'unavailable', error: string | null = null) {
  await db
    .updateTable('documents')
    .set({
      rendition_status: status,
      rendition_error: error,
      ...(status === 'ready' ? { rendition_blob_key: 'blob-rendition', rendition_size: 4321, rendition_sha256: 'a'.repeat(64), rendition_page_count: 2 } : {}),
    })
    .where('id', '=', 'doc_word')
    .execute();
}

describe('the conversion policy', () => {
  it('refuses an office document without a rendition for a PDF-only provider, naming it', async () => {
    const problems = await envelopeProblems(context, db, await envelope(), pdfOnly);
    expect(problems).toEqual([
      { path: 'documents[1]', message: 'ConsignO Cloud accepts pdf files; contract.docx is docx (capability "fileKinds"). Convert it to PDF and upload that instead.' },
    ]);
  });

  it('sends the stored PDF rendition, with its size and hash, and never converts', async () => {
    await renditionOf('ready');
    const stored = await envelope();
    expect(await envelopeProblems(context, db, stored, pdfOnly)).toEqual([]);
    const request = await buildSendRequest(context, db, stored, { callbackUrl: null, capabilities: pdfOnly.capabilities, purpose: 'send' });
    expect(request.documents.map((document) => [document.id, document.filename, document.mediaType, document.size])).toEqual([
      ['doc_pdf', 'terms.pdf', 'application/pdf', 10],
      ['doc_word', 'contract.pdf', 'application/pdf', 4321],
    ]);
    expect(request.documents[1]!.sha256).toBe('a'.repeat(64));
    expect((await request.documents[1]!.open()).read().toString()).toBe('bytes of blob-rendition');
  });

  it('keeps the original for a provider that signs its kind', async () => {
    await renditionOf('ready');
    const docxToo = defineCapabilities({ fileKinds: ['pdf', 'docx'], authenticationMethods: ['email-link', 'secret'] });
    const request = await buildSendRequest(context, db, await envelope(), { callbackUrl: null, capabilities: docxToo, purpose: 'send' });
    expect(request.documents[1]!.mediaType).toBe(WORD);
    expect((await request.documents[1]!.open()).read().toString()).toBe('bytes of blob-doc_word');
  });

  it('lets a pending rendition pass the check, but a send waits for it with a 409', async () => {
    await renditionOf('pending');
    const stored = await envelope();
    expect(await envelopeProblems(context, db, stored, pdfOnly)).toEqual([]);
    const sending = buildSendRequest(context, db, stored, { callbackUrl: null, capabilities: pdfOnly.capabilities, purpose: 'send' });
    await expect(sending).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('contract.docx (doc_word) is still being converted to PDF; try again in a moment') });
    await expect(sending).rejects.toHaveProperty('retryAfterMs', 5000);
  });

  it('refuses a send request with 409 while a rendition the provider needs is pending, and not for a provider that signs the original', async () => {
    await renditionOf('pending');
    const stored = await envelope();
    const documentsOf = () => findDocuments(db, stored.documents.map((document) => document.id));
    await expect(refuseWhileConverting(await documentsOf(), pdfOnly.capabilities)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Document contract.docx (doc_word) is still being converted to PDF; try again in a moment.',
    });
    await expect(refuseWhileConverting(await documentsOf(), defineCapabilities({ fileKinds: ['pdf', 'docx'] }))).resolves.toBeUndefined();
    await renditionOf('ready');
    await expect(refuseWhileConverting(await documentsOf(), pdfOnly.capabilities)).resolves.toBeUndefined();
  });

  it('names a failed rendition with the reason LibreOffice gave', async () => {
    await renditionOf('failed', 'LibreOffice could not convert contract.docx: source file could not be loaded.');
    expect(await envelopeProblems(context, db, await envelope(), pdfOnly)).toEqual([
      {
        path: 'documents[1]',
        message:
          'contract.docx (doc_word) could not be converted to PDF: LibreOffice could not convert contract.docx: source file could not be loaded. Open it in the program that made it, save it again (or export it as PDF) and upload the new file.',
      },
    ]);
  });

  it('names the Debian packages when no LibreOffice could make the rendition', async () => {
    await renditionOf('unavailable', null);
    const [problem, ...more] = await envelopeProblems(context, db, await envelope(), pdfOnly);
    expect(more).toEqual([]);
    expect(problem!.path).toBe('documents[1]');
    expect(problem!.message).toContain('contract.docx (doc_word) has no PDF version');
    expect(problem!.message).toContain('libreoffice-writer-nogui and libreoffice-calc-nogui');
  });

  it('checks field pages against the rendition page count', async () => {
    await renditionOf('ready');
    const stored = await envelope();
    const onPage3 = { ...stored, participants: [{ ...stored.participants[0]!, fields: [{ type: 'signature', documentId: 'doc_word', page: 3, left: 10, top: 10, width: 100, height: 40 }] }] } as typeof stored;
    expect(await envelopeProblems(context, db, onPage3, undefined)).toEqual([
      { path: 'participants[0].fields[0].page', message: 'page 3 is beyond the end of document doc_word, which has 2 pages' },
    ]);
  });
});

describe('the secret answer', () => {
  it('is opened for the adapter at send, and never for a check', async () => {
    const stored = await envelope();
    expect(stored.participants[0]!.authentication).toEqual([{ method: 'secret', question: 'Pet?', answerSet: true }]);
    const check = await buildSendRequest(context, db, stored, { callbackUrl: null, capabilities: pdfOnly.capabilities, purpose: 'check' });
    expect(check.participants[0]!.authentication).toEqual([{ method: 'secret', question: 'Pet?', answer: '' }]);
    const send = await buildSendRequest(context, db, stored, { callbackUrl: null, capabilities: pdfOnly.capabilities, purpose: 'send' });
    expect(send.participants[0]!.authentication).toEqual([{ method: 'secret', question: 'Pet?', answer: 'Rex' }]);
  });
});
