/**
 * Page geometry and text markers of an uploaded PDF. Connective places signing fields either by box
 * (PageNumber, Left, Top, Width, Height) or by a text marker found in the document; both need to know
 * the pages as a viewer shows them, which the sandbox's shared PDF reader gives (../pdf-text.ts, with
 * its coordinates: points from the top-left corner of the page as displayed).
 */
import { findText, type TextHit } from '../pdf-text.js';

export { InvalidPdfError, readPdfGeometry, type PdfGeometry } from '../pdf-text.js';

/** Where one occurrence of a marker is: 1-based page, box in points from the page's top-left corner. */
export type MarkerHit = TextHit;

/**
 * Every occurrence of each marker in the text of the PDF, in reading order (page by page, in the
 * order the page's content draws its text). A marker matches inside one text item or across adjacent
 * items of the same line (PDF producers often cut "{{sign_1}}" into several runs); it does not match
 * across lines. Markers not found map to an empty array. Throws {@link InvalidPdfError} for what
 * pdfjs cannot open.
 */
export function findMarkers(path: string, markers: string[]): Promise<Map<string, MarkerHit[]>> {
  return findText(path, markers);
}
