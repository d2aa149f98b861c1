import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { renderPlaceholderPdf, signPdf } from '../signing/index.js';
import type { SandboxContext } from './context.js';
import { etagOf, readBytes, storagePathFor, uuidOf, writeBytes } from './file-storage.js';
import type { StoredFile, StoredParty, StoredProcess } from './model.js';
import { visualisationsOf } from './parties.js';
import { writeZip, type ZipEntry } from '../zip-archive.js';

/**
 * What signing produces (seed 003 "Content"): while signers sign, each source file gets a
 * PARTIALLY_SIGNED_CONTENT_FILE entry (`FILE-DTBS:<process uuid>/<source uuid>` — the seed's single-file
 * example ends in `/DTBS`; with many files the sandbox names the source instead), whose PDF carries one
 * real PAdES signature per signer so far. On completion those become SIGNED_CONTENT_FILE entries
 * (`FILE-SIGNED_CONTENT_FILE:<process uuid>/<source uuid>`; the purpose name is the sandbox's choice,
 * the seed never shows the final file) and the partial entries are removed.
 * Non-PDF sources (DOC, DOCX, ODT, ODS, XLS, XLSX) are first rendered as a placeholder PDF.
 */

export const SIGNATURE_REASON = 'Signed in Autenti sandbox';

/** File records to save and to delete, with their bytes already written. */
export interface FileChange {
  put: StoredFile[];
  remove: StoredFile[];
}

const pdfName = (filename: string) => (/\.pdf$/i.test(filename) ? filename : `${filename.replace(/\.[^.]+$/, '')}.pdf`);

/** The unsigned PDF a source becomes: itself when it is a PDF, else a placeholder naming it. */
async function unsignedPdf(context: SandboxContext, process: StoredProcess, source: StoredFile, note?: string): Promise<Buffer> {
  if (source.mimeType === 'application/pdf' && !note) return readBytes(context, source);
  return renderPlaceholderPdf({
    title: process.title,
    filename: source.filename,
    lines: [
      `This PDF stands for "${source.filename}" (${source.mimeType}, ${source.size} bytes),`,
      'uploaded to the Autenti sandbox, which signs PDFs only.',
      ...(note ? [note] : []),
      `Document process: ${process.id}`,
    ],
  });
}

async function sign(context: SandboxContext, process: StoredProcess, source: StoredFile, base: Buffer, signer: StoredParty): Promise<Buffer> {
  const authority = await context.authority();
  const options = { authority, signerName: signer.name, reason: SIGNATURE_REASON, location: 'Autenti sandbox', signedAt: context.now() };
  try {
    return await signPdf(base, options);
  } catch (error) {
    // A source that claims to be a PDF but cannot be signed (damaged, encrypted) is replaced by a placeholder
    // rather than failing the signer's action.
    context.logger.warn({ err: error, fileId: source.id }, 'autenti sandbox: PDF could not be signed; signing a placeholder');
    const placeholder = await unsignedPdf(context, process, source, `The original could not be signed: ${(error as Error).message}`);
    return signPdf(placeholder, options);
  }
}

function derived(
  process: StoredProcess,
  source: StoredFile,
  purpose: 'PARTIALLY_SIGNED_CONTENT_FILE' | 'SIGNED_CONTENT_FILE',
  previous: StoredFile | undefined,
  bytes: Buffer,
  now: string,
): StoredFile {
  const id = previous?.id ?? `${purpose === 'SIGNED_CONTENT_FILE' ? 'FILE-SIGNED_CONTENT_FILE' : 'FILE-DTBS'}:${uuidOf(process.id)}/${uuidOf(source.id)}`;
  const version = (previous?.version ?? 0) + 1;
  return {
    id,
    processId: process.id,
    purpose,
    filename: pdfName(source.filename),
    mimeType: 'application/pdf',
    version,
    size: bytes.length,
    etag: etagOf(bytes),
    storagePath: storagePathFor(process.id, id, version),
    sourceFileId: source.id,
    position: source.position + (purpose === 'SIGNED_CONTENT_FILE' ? 2000 : 1000),
    createdAt: previous?.createdAt ?? now,
    modifiedAt: now,
  };
}

/** Adds `signer`'s signature to every source file's partially signed PDF. Bytes are written; records returned. */
export async function addSignature(context: SandboxContext, process: StoredProcess, signer: StoredParty): Promise<FileChange> {
  const files = context.store.listFiles(process.id);
  const now = context.now().toISOString();
  const put: StoredFile[] = [];
  for (const source of files.filter((file) => file.purpose === 'SOURCE_FILE')) {
    const previous = files.find((file) => file.purpose === 'PARTIALLY_SIGNED_CONTENT_FILE' && file.sourceFileId === source.id);
    // The boxes are drawn once, before the first signature: later signatures are incremental updates
    // that must not change the bytes the earlier ones cover.
    const base = previous ? await readBytes(context, previous) : await drawSignatureBoxes(context, process, source, await unsignedPdf(context, process, source));
    const signed = await sign(context, process, source, base, signer);
    const record = derived(process, source, 'PARTIALLY_SIGNED_CONTENT_FILE', previous, signed, now);
    await writeBytes(context, record.storagePath, signed);
    put.push(record);
  }
  return { put, remove: [] };
}

/**
 * Draws every party's VISUALISATION boxes on `source` (a frame and the signer's name where the signature
 * goes). Boxes are in PDF points from the page's top-left corner; one on a page the PDF lacks is skipped.
 * A PDF that pdf-lib cannot load is left as it is.
 */
async function drawSignatureBoxes(context: SandboxContext, process: StoredProcess, source: StoredFile, pdf: Buffer): Promise<Buffer> {
  const boxes = process.parties.flatMap((party) => visualisationsOf(party).filter((box) => box.fileId === source.id).map((box) => ({ box, party })));
  if (boxes.length === 0) return pdf;
  try {
    const document = await PDFDocument.load(pdf);
    const font = await document.embedFont(StandardFonts.Helvetica);
    for (const { box, party } of boxes) {
      const page = document.getPages()[box.page - 1];
      if (!page) continue;
      const y = page.getHeight() - box.y - box.height;
      page.drawRectangle({ x: box.x, y, width: box.width, height: box.height, borderColor: rgb(0.1, 0.3, 0.7), borderWidth: 1 });
      const size = Math.max(6, Math.min(10, box.height / 3));
      page.drawText(`Signature: ${party.name}`, { x: box.x + 4, y: y + box.height - size - 3, size, font, color: rgb(0.1, 0.3, 0.7), maxWidth: Math.max(box.width - 8, 1) });
    }
    return Buffer.from(await document.save());
  } catch (error) {
    context.logger.warn({ err: error, fileId: source.id }, 'autenti sandbox: signature boxes not drawn');
    return pdf;
  }
}

/**
 * The final files of a completed process, from the partially signed ones (`pending` = those this very
 * action produced and not yet saved). A process without signers (approvers only) gets its sources as PDFs.
 */
export async function finalizeSignedContent(context: SandboxContext, process: StoredProcess, pending: StoredFile[]): Promise<FileChange> {
  const saved = context.store.listFiles(process.id);
  const now = context.now().toISOString();
  const put: StoredFile[] = [];
  const remove: StoredFile[] = [];
  for (const source of saved.filter((file) => file.purpose === 'SOURCE_FILE')) {
    const partial =
      pending.find((file) => file.purpose === 'PARTIALLY_SIGNED_CONTENT_FILE' && file.sourceFileId === source.id) ??
      saved.find((file) => file.purpose === 'PARTIALLY_SIGNED_CONTENT_FILE' && file.sourceFileId === source.id);
    const bytes = partial ? await readBytes(context, partial) : await unsignedPdf(context, process, source);
    const record = derived(process, source, 'SIGNED_CONTENT_FILE', undefined, bytes, now);
    await writeBytes(context, record.storagePath, bytes);
    put.push(record);
    const savedPartial = saved.find((file) => file.purpose === 'PARTIALLY_SIGNED_CONTENT_FILE' && file.sourceFileId === source.id);
    if (savedPartial) remove.push(savedPartial);
  }
  // Live Autenti adds a signature card and an archive of everything (the seed shows neither).
  const card = await signatureCard(process);
  const cardRecord = produced(process, 'SIGNATURE_CARD', 'signature-card.pdf', 'application/pdf', card, now, 3000);
  await writeBytes(context, cardRecord.storagePath, card);
  const entries = await Promise.all(put.map(async (file) => ({ name: file.filename, bytes: await readBytes(context, file) })));
  const archive = await writeZip(uniqueNames([...entries, { name: cardRecord.filename, bytes: card }]), new Date(now));
  const archiveName = `${process.title.replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || 'documents'}.zip`;
  const archiveRecord = produced(process, 'CONTENT_ARCHIVE', archiveName, 'application/zip', archive, now, 3001);
  await writeBytes(context, archiveRecord.storagePath, archive);
  put.push(cardRecord, archiveRecord);
  return { put, remove };
}

/** Entry names made unique (two sources may share a filename): `a.pdf`, `a (2).pdf`. */
function uniqueNames(entries: ZipEntry[]): ZipEntry[] {
  const seen = new Map<string, number>();
  return entries.map((entry) => {
    const count = (seen.get(entry.name) ?? 0) + 1;
    seen.set(entry.name, count);
    return count === 1 ? entry : { ...entry, name: entry.name.replace(/(\.[^.]*)?$/, (extension) => ` (${count})${extension}`) };
  });
}

/** A one-page PDF listing who took part, in which role, and when. */
function signatureCard(process: StoredProcess): Promise<Buffer> {
  const lines = process.parties.map((party) => {
    const last = party.participationEvents.at(-1);
    return `${party.role} ${party.name} <${party.email}>: ${party.participationStatus}${last ? ` (${last.eventType} at ${last.timestamp})` : ''}`;
  });
  return renderPlaceholderPdf({ title: `Signature card: ${process.title}`, filename: 'signature-card.pdf', lines: [`Document process: ${process.id}`, `Sent by ${process.ownerEmail}`, ...lines] });
}

/** A file Autenti makes for the whole process (not from one source): `FILE-<PURPOSE>:<process uuid>`. */
function produced(process: StoredProcess, purpose: 'SIGNATURE_CARD' | 'CONTENT_ARCHIVE', filename: string, mimeType: string, bytes: Buffer, now: string, position: number): StoredFile {
  const id = `FILE-${purpose}:${uuidOf(process.id)}`;
  return {
    id,
    processId: process.id,
    purpose,
    filename,
    mimeType,
    version: 1,
    size: bytes.length,
    etag: etagOf(bytes),
    storagePath: storagePathFor(process.id, id, 1),
    sourceFileId: null,
    position,
    createdAt: now,
    modifiedAt: now,
  };
}
