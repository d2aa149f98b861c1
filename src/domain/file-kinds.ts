/**
 * The kinds of document Countersign knows, defined once: the upload check (app/documents/media-type.ts)
 * detects them from content, and each provider's `capabilities.fileKinds` (providers/capabilities.ts)
 * lists the ones it signs. The media type is the value stored on a document.
 */

export const FILE_KINDS = ['pdf', 'doc', 'docx', 'odt', 'ods', 'xls', 'xlsx', 'rtf'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface FileKindInfo {
  readonly mediaType: string;
  /** With the leading dot, e.g. `.pdf`: the extension a stored document is given on the way out. */
  readonly extension: string;
  /** How people name the kind, e.g. `DOCX`, for messages. */
  readonly label: string;
}

export const FILE_KIND_INFO: Readonly<Record<FileKind, FileKindInfo>> = {
  pdf: { mediaType: 'application/pdf', extension: '.pdf', label: 'PDF' },
  doc: { mediaType: 'application/msword', extension: '.doc', label: 'DOC' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: '.docx', label: 'DOCX' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extension: '.odt', label: 'ODT' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extension: '.ods', label: 'ODS' },
  xls: { mediaType: 'application/vnd.ms-excel', extension: '.xls', label: 'XLS' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: '.xlsx', label: 'XLSX' },
  rtf: { mediaType: 'application/rtf', extension: '.rtf', label: 'RTF' },
};

/** The kinds as people name them, for messages and descriptions: `PDF, DOC, DOCX, ODT, ODS, XLS, XLSX or RTF`. */
export const FILE_KINDS_IN_WORDS = ((labels) => `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`)(FILE_KINDS.map((kind) => FILE_KIND_INFO[kind].label));

/** Media types by kind, as stored on documents. */
export const FILE_KIND_MEDIA_TYPES: Readonly<Record<FileKind, string>> = Object.fromEntries(
  FILE_KINDS.map((kind) => [kind, FILE_KIND_INFO[kind].mediaType]),
) as Record<FileKind, string>;

/** The kind of a stored media type; `undefined` for anything Countersign does not accept. */
export function fileKindOf(mediaType: string): FileKind | undefined {
  return FILE_KINDS.find((kind) => FILE_KIND_INFO[kind].mediaType === mediaType);
}
