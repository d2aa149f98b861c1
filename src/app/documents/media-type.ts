/**
 * Which document types Countersign accepts, decided from the bytes alone: a file's name and the
 * Content-Type its uploader claimed are never trusted. The accepted types are the ones Autenti takes,
 * and RTF (which goes to every provider as its PDF rendition).
 */

import { fileTypeFromBlob } from 'file-type';
import { FILE_KIND_INFO, type FileKind, type FileKindInfo } from '../../domain/file-kinds.js';
import { detectCompoundFileKind } from './cfb.js';
import type { ReadAt } from './read-at.js';

/** The kinds accepted at upload: every kind the domain knows (src/domain/file-kinds.ts). */
export type AcceptedKind = FileKind;

export type AcceptedMediaType = FileKindInfo;

export const ACCEPTED_MEDIA_TYPES: Readonly<Record<AcceptedKind, AcceptedMediaType>> = FILE_KIND_INFO;

export type { ReadAt };

export interface DocumentBytes {
  /** The stored size in bytes. `readAt` must be able to return every byte below it. */
  size: number;
  readAt: ReadAt;
}

export type MediaTypeDetection =
  | { kind: AcceptedKind; mediaType: string }
  /** `detected` is the media type the content looked like (e.g. `application/x-msdownload`), or null when unknown. */
  | { kind: null; detected: string | null };

/** The accepted types for error details: `PDF, DOC, DOCX, ODT, ODS, XLS, XLSX, RTF`. */
export function describeAcceptedTypes(): string {
  return Object.values(ACCEPTED_MEDIA_TYPES)
    .map((type) => type.label)
    .join(', ');
}

/**
 * Detects a document's type from its content. Content that is malformed or of any other type is
 * refused (`kind: null`), never thrown; only a failure to read the bytes rejects.
 */
export async function detectMediaType(source: DocumentBytes): Promise<MediaTypeDetection> {
  if (source.size <= 0) return { kind: null, detected: null };
  const readAt = windowedReadAt(source);

  let detected: { ext: string; mime: string } | undefined;
  try {
    // file-type reads a Blob by random access and knows its size. A stream would lose both: with an
    // unknown size it gives up on ZIP entries over 1 MB, so a LibreOffice DOCX (whose
    // [Content_Types].xml comes last) with one large image would be taken for a plain ZIP.
    detected = await fileTypeFromBlob(new ReadAtBlob(readAt, 0, source.size));
  } catch (error) {
    if (error instanceof SourceReadError) throw error.cause;
    // file-type throws on some malformed content it does not recover from: that is a refusal.
    return { kind: null, detected: null };
  }
  if (!detected) return { kind: null, detected: null };

  if (detected.ext === 'cfb') {
    // OLE2 holds .doc and .xls but also .ppt and .msi: only its directory tells them apart.
    const compound = await detectCompoundFileKind(readAt, source.size).catch(unwrapSourceReadError);
    return compound.kind === null ? compound : accepted(compound.kind);
  }

  const kind = acceptedKindOf(detected.ext);
  // Match the media type too: file-type names macro-enabled variants (docm, xlsm) and templates apart.
  if (kind && ACCEPTED_MEDIA_TYPES[kind].mediaType === detected.mime) return accepted(kind);
  return { kind: null, detected: detected.mime };
}

function accepted(kind: AcceptedKind): MediaTypeDetection {
  return { kind, mediaType: ACCEPTED_MEDIA_TYPES[kind].mediaType };
}

function acceptedKindOf(extension: string): AcceptedKind | undefined {
  return Object.hasOwn(ACCEPTED_MEDIA_TYPES, extension) ? (extension as AcceptedKind) : undefined;
}

/** Wraps a failure of the underlying `readAt`, so it is told apart from malformed content and rethrown. */
class SourceReadError extends Error {
  constructor(cause: unknown) {
    super('Reading the stored document failed.', { cause });
    this.name = 'SourceReadError';
  }
}

function unwrapSourceReadError(error: unknown): never {
  throw error instanceof SourceReadError ? error.cause : error;
}

/** Detection makes many small reads near each other; a blob store read may open a file each time. */
const readWindowSize = 64 * 1024;

/**
 * A ReadAt that keeps the last window read, never reads past `size`, and turns a short read or a
 * failing read into SourceReadError: the store promised `size` bytes.
 */
function windowedReadAt({ size, readAt }: DocumentBytes): ReadAt {
  let window: { offset: number; bytes: Buffer } | undefined;

  const readChecked = async (offset: number, length: number): Promise<Buffer> => {
    let bytes: Buffer;
    try {
      bytes = await readAt(offset, length);
    } catch (error) {
      throw new SourceReadError(error);
    }
    if (bytes.length < length) {
      throw new SourceReadError(
        new Error(`The stored document returned ${bytes.length} of ${length} bytes at offset ${offset}, short of its size ${size}.`),
      );
    }
    return bytes.subarray(0, length);
  };

  return async (offset, length) => {
    const end = Math.min(size, offset + length);
    if (offset >= end) return Buffer.alloc(0);
    if (window && offset >= window.offset && end <= window.offset + window.bytes.length) {
      return window.bytes.subarray(offset - window.offset, end - window.offset);
    }
    if (end - offset > readWindowSize) return readChecked(offset, end - offset);
    window = { offset, bytes: await readChecked(offset, Math.min(readWindowSize, size - offset)) };
    return window.bytes.subarray(0, end - offset);
  };
}

/**
 * A Blob over a ReadAt, so that file-type's random-access reader (fileTypeFromBlob) can be used on
 * stored bytes without loading them whole.
 */
class ReadAtBlob implements Blob {
  readonly type = '';

  constructor(
    private readonly readAt: ReadAt,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  slice(start = 0, end = this.size): ReadAtBlob {
    const clamp = (position: number) => Math.min(this.size, Math.max(0, position < 0 ? this.size + position : position));
    const from = clamp(start);
    return new ReadAtBlob(this.readAt, this.start + from, this.start + Math.max(from, clamp(end)));
  }

  async bytes(): Promise<Uint8Array> {
    const copy = new Uint8Array(this.size);
    if (this.size > 0) copy.set(await this.readAt(this.start, this.size));
    return copy;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const copy = new Uint8Array(this.size);
    if (this.size > 0) copy.set(await this.readAt(this.start, this.size));
    return copy.buffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  stream(): ReadableStream<Uint8Array> {
    let position = this.start;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (position >= this.end) {
          controller.close();
          return;
        }
        const length = Math.min(readWindowSize, this.end - position);
        const chunk = await this.readAt(position, length);
        position += length;
        controller.enqueue(new Uint8Array(chunk));
      },
    });
  }
}
