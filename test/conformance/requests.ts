import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import type { Capabilities } from '../../src/providers/capabilities.js';
import type { SendDocument, SendParticipant, SendRequest } from '../../src/providers/provider.js';
import { NOTHING_ASKED } from '../support/send-participants.js';

/**
 * The only place the conformance suite builds what it sends, and asks for send options: when
 * `SendRequest`, `SendParticipant` or the capabilities that gate their options change shape, this
 * file is the one edit.
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
    step,
    ...NOTHING_ASKED,
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
  /** A signature box for each participant on the last document (page 1), at a place of its own. */
  readonly boxes?: boolean;
};

/** The box `sendRequestOf` gives participant `index` (0-based) when `boxes` is asked for. */
export function boxOf(index: number) {
  return { page: 1, left: 72 + index * 10, top: 600 + index * 50, width: 165, height: 37 } as const;
}

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
    participants: (shape.steps ?? [1]).map((step, index) =>
      participantOf(index + 1, step, shape.boxes ? { fields: [{ type: 'signature', documentId: `doc_${shape.documents ?? 1}`, ...boxOf(index) }] } : {}),
    ),
  };
}

/**
 * Send options the capabilities rule out, each with the change that asks for it and the field
 * `checkSendRequest` must name. Here, beside `participantOf`, because both follow the shape of `SendParticipant`.
 */
export function unsupportedSendOptions(caps: Capabilities): Array<{ what: string; path: string; change: (request: SendRequest) => SendRequest }> {
  const first = (request: SendRequest, change: Record<string, unknown>): SendRequest => ({
    ...request,
    participants: request.participants.map((participant, index) => (index === 0 ? { ...participant, ...change } : participant)),
  });
  const refusals: Array<{ what: string; path: string; change: (request: SendRequest) => SendRequest }> = [];
  if (!caps.expiry) refusals.push({ what: 'an expiry date', path: 'expiresAt', change: (request) => ({ ...request, expiresAt: new Date(Date.now() + 86_400_000).toISOString() }) });
  if (!caps.authenticationMethods.includes('sms')) {
    refusals.push({ what: 'SMS codes', path: 'participants[0].authentication[0]', change: (request) => first(request, { phone: '+48722722722', authentication: [{ method: 'sms' }] }) });
  }
  const level = (['basic', 'advanced', 'qualified'] as const).find((candidate) => !caps.signatureLevels.includes(candidate));
  if (level) refusals.push({ what: `a ${level} signature`, path: 'participants[0].signatureLevel', change: (request) => first(request, { signatureLevel: level }) });
  if (!caps.signatureFields.includes('box')) {
    refusals.push({
      what: 'signature boxes',
      path: 'participants[0].fields[0]',
      change: (request) => first(request, { fields: [{ type: 'signature', documentId: request.documents[0]!.id, page: 1, left: 72, top: 72, width: 165, height: 37 }] }),
    });
  }
  const role = (['approver', 'viewer', 'receiver'] as const).find((candidate) => !caps.roles.includes(candidate));
  if (role) refusals.push({ what: `the ${role} role`, path: 'participants[0].role', change: (request) => first(request, { role }) });
  if (!caps.fileKinds.includes('docx')) {
    refusals.push({
      what: 'Word documents',
      path: 'documents[0]',
      change: (request) => ({
        ...request,
        documents: request.documents.map((document, index) =>
          index === 0 ? { ...document, filename: 'doc-1.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } : document,
        ),
      }),
    });
  }
  return refusals;
}
