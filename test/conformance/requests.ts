import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import type { SendDocument, SendParticipant, SendRequest } from '../../src/providers/provider.js';

/**
 * The only place the conformance suite builds what it sends: when `SendRequest` or `SendParticipant`
 * change shape, this file is the one edit.
 */

const pdfs = new Map<string, Uint8Array>();

/** A one-page PDF whose text names `title`, so two documents never have the same bytes. */
async function pdfOf(title: string): Promise<Uint8Array> {
  let bytes = pdfs.get(title);
  if (bytes === undefined) {
    const document = await PDFDocument.create();
    document.addPage([595, 842]).drawText(title, { x: 72, y: 760 });
    bytes = await document.save();
    pdfs.set(title, bytes);
  }
  return bytes;
}

/** `doc-1.pdf` … `doc-<count>.pdf`, in that order. */
export async function documentsOf(count: number): Promise<SendDocument[]> {
  const documents: SendDocument[] = [];
  for (let index = 1; index <= count; index += 1) {
    const bytes = Buffer.from(await pdfOf(`Conformance document ${index}`));
    documents.push({
      id: `doc_${index}`,
      filename: `doc-${index}.pdf`,
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      // A fresh stream on every call, as the contract asks.
      open: async () => Readable.from([bytes]),
    });
  }
  return documents;
}

/** A signer with nothing optional asked for; `overrides` asks for more. */
export function participantOf(index: number, step: number, overrides: Partial<SendParticipant> = {}): SendParticipant {
  return {
    id: `par_${index}`,
    firstName: `Person${index}`,
    lastName: 'Conformance',
    // Lower case: providers may lower-case addresses, and snapshots report them lower-cased.
    email: `person${index}-${randomUUID().slice(0, 8)}@conformance.test`,
    phone: null,
    role: 'signer',
    step,
    signatureLevel: null,
    authentication: {},
    fields: [],
    ...overrides,
  };
}

export type RequestShape = {
  /** How many documents (default 1). */
  readonly documents?: number;
  /** One entry per participant: its step (default one participant in step 1). */
  readonly steps?: readonly number[];
  readonly expiresAt?: string | null;
  readonly callbackUrl?: string | null;
};

/** A provider-neutral envelope of the given shape, with a fresh envelope id. */
export async function sendRequestOf(shape: RequestShape = {}): Promise<SendRequest> {
  return {
    envelopeId: `env_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    title: 'Conformance agreement',
    message: 'Please review and sign',
    language: 'en',
    expiresAt: shape.expiresAt ?? null,
    externalRef: null,
    callbackUrl: shape.callbackUrl ?? null,
    documents: await documentsOf(shape.documents ?? 1),
    participants: (shape.steps ?? [1]).map((step, index) => participantOf(index + 1, step)),
  };
}
