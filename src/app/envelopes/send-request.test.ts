import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineCapabilities } from '../../providers/capabilities.js';
import type { SignatureProvider } from '../../providers/provider.js';
import { migrateToLatest, openSqlite, type Db } from '../../store/database.js';
import { insertDocument } from '../../store/documents.js';
import * as store from '../../store/envelopes.js';
import type { AppContext } from '../context.js';
import type { DocumentConverter } from '../documents/converter.js';
import { createSecretBox } from '../secrets.js';
import { createEnvelope } from './envelopes.js';
import { buildSendRequest, envelopeProblems } from './send-request.js';

/** The conversion policy and the secret answer's path to the adapter, with a PDF-only provider. */

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let folder: string;
let db: Db;
let context: AppContext;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'countersign-send-request-'));
  db = openSqlite({ filename: join(folder, 'countersign.sqlite') });
  await migrateToLatest(db);
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
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
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

function fakeConverter(): DocumentConverter & { converted: string[] } {
  const converted: string[] = [];
  return {
    converted,
    canConvert: (mediaType) => mediaType === WORD,
    async toPdf(document) {
      converted.push(document.id);
      return { size: 3, sha256: 'f'.repeat(64), open: async () => Readable.from([Buffer.from('PDF')]) };
    },
  };
}

describe('the conversion policy', () => {
  it('refuses an office document for a PDF-only provider when no converter is installed, naming it', async () => {
    const problems = await envelopeProblems(context, db, await envelope(), pdfOnly);
    expect(problems).toEqual([
      { path: 'documents[1]', message: 'ConsignO Cloud accepts pdf files; contract.docx is docx (capability "fileKinds"). Convert it to PDF and upload that instead.' },
    ]);
  });

  it('sends the PDF rendition when a converter is installed, converting only at send', async () => {
    const converter = fakeConverter();
    context.converter = converter;
    const stored = await envelope();
    expect(await envelopeProblems(context, db, stored, pdfOnly)).toEqual([]);
    expect(converter.converted).toEqual([]);

    const request = await buildSendRequest(context, db, stored, { callbackUrl: null, capabilities: pdfOnly.capabilities, purpose: 'send' });
    expect(converter.converted).toEqual(['doc_word']);
    expect(request.documents.map((document) => [document.id, document.filename, document.mediaType])).toEqual([
      ['doc_pdf', 'terms.pdf', 'application/pdf'],
      ['doc_word', 'contract.pdf', 'application/pdf'],
    ]);
    expect((await request.documents[1]!.open()).read().toString()).toBe('PDF');
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
