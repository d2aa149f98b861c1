import type { Readable } from 'node:stream';
import type { StoredBlob } from '../../store/blobs.js';

/**
 * The seam for making a PDF of an office document, for providers that sign only PDF
 * (`capabilities.fileKinds`). The LibreOffice converter (libreoffice.ts) is installed on
 * `AppContext.converter` at boot when `soffice` is found; the `convert-document` job (renditions.ts)
 * calls it once per uploaded office document and keeps the PDF as the document's rendition.
 */
export interface DocumentConverter {
  /** Whether this converter can make a PDF of documents of `mediaType`. */
  canConvert(mediaType: string): boolean;
  /**
   * Makes the PDF of `document` and writes it into the blob store. Throws {@link ConversionError}
   * when the document cannot be converted (trying again will not help) and
   * {@link ConverterUnavailableError} when the converter program is missing.
   */
  toPdf(document: ConversionInput, options?: { signal?: AbortSignal }): Promise<PdfRendition>;
}

export interface ConversionInput {
  readonly id: string;
  readonly filename: string;
  readonly mediaType: string;
  /** A fresh stream of the original. */
  open(): Promise<Readable>;
}

export interface PdfRendition {
  /** The PDF, in the blob store (the caller owns it from here: it records or deletes it). */
  readonly blob: StoredBlob;
  readonly pages: number;
}

/** The document could not be converted: `message` names it and says why in plain words. */
export class ConversionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConversionError';
  }

  static is(error: unknown): error is ConversionError {
    return error instanceof ConversionError;
  }
}

/** The converter program is not installed (or not where COUNTERSIGN_SOFFICE says). */
export class ConverterUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConverterUnavailableError';
  }

  static is(error: unknown): error is ConverterUnavailableError {
    return error instanceof ConverterUnavailableError;
  }
}

/** The Debian packages that provide `soffice` for the document kinds Countersign accepts; named in messages. */
export const LIBREOFFICE_PACKAGES = ['libreoffice-writer-nogui', 'libreoffice-calc-nogui'] as const;
