/**
 * pdf.js, loaded on demand: only a page that shows a document imports this module's loader, and the
 * library itself (about a megabyte with its legacy build's polyfills) and its worker are fetched at the
 * first preview, never with the app. `web/vite.config.ts` keeps them out of the vendor chunk.
 *
 * The legacy build is pdf.js's build for browsers without the newest JavaScript (older Safari and
 * Chromium-based browsers still in use in offices). Its worker comes from the same build and version
 * through Vite's `?url` import: a worker of another version refuses to start.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<Pdfjs> | undefined;

function loadPdfjs(): Promise<Pdfjs> {
  loading ??= Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.min.mjs?url')]).then(
    ([pdfjs, worker]) => {
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      return pdfjs;
    },
    (error: unknown) => {
      loading = undefined; // a network hiccup: the next preview tries again
      throw error;
    },
  );
  return loading;
}

/**
 * Opens a PDF from its bytes. `isEvalSupported: false`: the page's Content-Security-Policy has no
 * 'unsafe-eval', and pdf.js's probe for it would log a CSP violation. `verbosity` 0: errors only;
 * pdf.js's warnings about a document's quirks are not the app's to show.
 */
export async function openPdf(data: ArrayBuffer): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  return pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
}

/** A render that a newer one replaced: not an error to show. */
export function isRenderCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'RenderingCancelledException';
}
