/**
 * The second look at an upload, once its type is known: is it a well-formed file of that type, and
 * does it carry active content? PDFs are parsed in a worker with limits (pdf-check.ts), OOXML and ODF
 * packages inflated under caps (package-check.ts), legacy Office files have their root storage listed
 * (cfb.ts), RTF is scanned for embedded objects (rtf-check.ts). What fails is refused with the reason;
 * active content is kept as a warning.
 */

import type { DocumentWarning } from '../../domain/envelope.js';
import { CountersignError } from '../../domain/errors.js';
import type { BlobStore, StoredBlob } from '../../store/blobs.js';
import { MalformedCompoundFileError, readCompoundFileRoot } from './cfb.js';
import { ACCEPTED_MEDIA_TYPES, type AcceptedKind } from './media-type.js';
import { inspectPackage, macroWarning, packageLimitsFor } from './package-check.js';
import { checkPdf } from './pdf-check.js';
import { inspectRtf } from './rtf-check.js';

export interface ContentFindings {
  /** Pages of a PDF; null for other types. */
  pageCount: number | null;
  warnings: DocumentWarning[];
}

export async function checkDocumentContent(
  blobs: BlobStore,
  blob: StoredBlob,
  kind: AcceptedKind,
  limits: { maxUploadBytes: number },
): Promise<ContentFindings> {
  switch (kind) {
    case 'pdf': {
      // On the PostgreSQL blob store this costs a temporary copy of the file (see openLocalFile).
      const file = await blobs.openLocalFile(blob.key);
      const result = await checkPdf(file.handle, blob.size).finally(() => file.release());
      if (!result.ok) throw unreadable(kind, result.reason);
      return { pageCount: result.pageCount, warnings: result.warnings };
    }
    case 'docx':
    case 'xlsx':
    case 'odt':
    case 'ods': {
      const result = await inspectPackage((start, end) => blobs.read(blob.key, { start, end: end - 1 }), blob.size, packageLimitsFor(limits.maxUploadBytes));
      if (!result.ok) throw unreadable(kind, result.reason);
      return { pageCount: null, warnings: result.warnings };
    }
    case 'doc':
    case 'xls': {
      try {
        const root = await readCompoundFileRoot((offset, length) => blobs.readAt(blob.key, offset, length), blob.size);
        // Word keeps VBA in a `Macros` storage, Excel in `_VBA_PROJECT_CUR` (MS-OVBA 2.2.1).
        const names = new Set(root.entries.map((entry) => entry.name.toUpperCase()));
        const hasMacros = names.has('MACROS') || names.has('_VBA_PROJECT_CUR');
        return { pageCount: null, warnings: hasMacros ? [macroWarning(['VBA'])] : [] };
      } catch (error) {
        if (error instanceof MalformedCompoundFileError) throw unreadable(kind, error.message);
        throw error;
      }
    }
    case 'rtf':
      return { pageCount: null, warnings: await inspectRtf(await blobs.read(blob.key)) };
  }
}

/** 422: the type is accepted, this file of it is not. The reason comes from the parser, in plain words. */
function unreadable(kind: AcceptedKind, reason: string): CountersignError {
  const label = ACCEPTED_MEDIA_TYPES[kind].label;
  return new CountersignError(
    'UNREADABLE_DOCUMENT',
    `This ${label} file cannot be accepted: ${reason.replace(/\.$/, '')}. Open it in the program that made it, save or export it again, and upload the new file.`,
  );
}
