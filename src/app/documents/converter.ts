import type { Readable } from 'node:stream';

/**
 * The seam for making a PDF of an office document, for providers that sign only PDF
 * (`capabilities.fileKinds`). None is installed yet: `AppContext.converter` is absent and such
 * documents are refused with a 422 naming them before sending (src/app/envelopes/send-request.ts).
 * The ConsignO issue supplies one backed by LibreOffice headless; install it on the context at boot.
 */
export interface DocumentConverter {
  /** Whether this converter can make a PDF of documents of `mediaType`. */
  canConvert(mediaType: string): boolean;
  /**
   * The PDF rendition of `document`, made when a send needs it. `open` gives a fresh stream of the
   * PDF on every call (a retried upload starts from byte 0).
   */
  toPdf(document: { readonly id: string; readonly filename: string; readonly mediaType: string; open(): Promise<Readable> }): Promise<{
    readonly size: number;
    /** Hex SHA-256 of the PDF. */
    readonly sha256: string;
    open(): Promise<Readable>;
  }>;
}
