import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ProviderError } from '../errors.js';
import type { ArtifactKind, ProviderFile } from '../provider.js';
import type { ConsignoClient } from './client.js';

/**
 * A completed workflow's files, each streamed on `open()` (references README "Downloads"; the wire
 * contract of issue 11):
 * - `signed`: `POST /workflows/{id}/documents`. One document comes as a PDF; several as a ZIP, one
 *   entry per document. The ZIP is streamed to a private temporary file (never held in memory), and
 *   each entry becomes one `ProviderFile` inflated from it on `open()`; the file is removed when the
 *   iteration ends. ConsignO would hand out the partly signed state before completion; that is not
 *   the signed result, so before status 2 this is a `conflict`; a deleted workflow (6) has no files
 *   left at all (`gone`).
 * - `audit`: `POST /workflows/{id}/audit`, the audit trail PDF, only once completed.
 */
export async function* downloadFiles(client: ConsignoClient, workflowId: string, kind: ArtifactKind): AsyncGenerator<ProviderFile> {
  const workflow = await client.getWorkflow(workflowId);
  if (workflow.status === 6) {
    // Deleting takes the files, whatever the workflow had reached: no later attempt finds them.
    throw new ProviderError({
      kind: 'gone',
      provider: 'consigno',
      message: `Workflow ${workflowId} was deleted at ConsignO Cloud, and its ${kind === 'signed' ? 'signed documents' : 'audit trail'} with it.`,
    });
  }
  if (workflow.status !== 2) {
    throw new ProviderError({
      kind: 'conflict',
      provider: 'consigno',
      message: `ConsignO Cloud has no ${kind === 'signed' ? 'signed documents' : 'audit trail'} for workflow ${workflowId} yet (status ${workflow.status}); download ${kind === 'signed' ? 'them' : 'it'} once the workflow is completed (status 2).`,
    });
  }
  if (kind === 'audit') {
    yield { filename: `audit-trail-${workflowId}.pdf`, mediaType: 'application/pdf', open: () => client.openAuditTrail(workflowId) };
    return;
  }
  const names = (workflow.documents ?? []).map((document, index) => pdfName(document.name ?? `document-${index + 1}`));
  const { mediaType, stream } = await client.openDocuments(workflowId);
  if (mediaType !== 'application/zip' && mediaType !== 'application/x-zip-compressed') {
    // One document: the answer is the PDF itself. Opened once here; a second open() downloads again.
    let first: Readable | undefined = stream;
    yield {
      filename: names[0] ?? `workflow-${workflowId}.pdf`,
      mediaType: 'application/pdf',
      open: async () => {
        if (first) {
          const given = first;
          first = undefined;
          return given;
        }
        return (await client.openDocuments(workflowId)).stream;
      },
    };
    first?.destroy();
    return;
  }
  const folder = await mkdtemp(join(tmpdir(), 'countersign-consigno-'));
  try {
    const path = join(folder, 'documents.zip');
    await pipeline(stream, createWriteStream(path, { mode: 0o600 }));
    const zip = await openZip(path);
    try {
      for (const entry of await entriesOf(zip)) {
        if (entry.fileName.endsWith('/')) continue;
        yield { filename: pdfName(baseName(entry.fileName)), mediaType: 'application/pdf', open: () => openEntry(zip, entry) };
      }
    } finally {
      zip.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const baseName = (name: string) => name.split(/[\\/]/).pop() || name;
const pdfName = (name: string) => (/\.pdf$/i.test(name) ? name : `${name}.pdf`);

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) => (error ? reject(unreadable(error)) : resolve(zip))),
  );
}

function entriesOf(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(unreadable(error)));
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(unreadable(error)) : resolve(stream))));
}

function unreadable(cause: Error): ProviderError {
  return new ProviderError({
    kind: 'unavailable',
    provider: 'consigno',
    cause,
    message: 'ConsignO Cloud answered the documents download with a ZIP archive Countersign cannot read. Countersign retries later.',
  });
}
