// TEMP stand-in for H2's locations.ts (pdfjs text markers): geometry through pdf-lib, markers only in
// uncompressed text. The lead drops this commit when merging conn-outputs.
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';

export interface PdfGeometry {
  pageCount: number;
  pages: Array<{ width: number; height: number }>;
}
export interface MarkerHit {
  page: number;
  left: number;
  top: number;
  width: number;
  height: number;
}
export class InvalidPdfError extends Error {}

export async function readPdfGeometry(path: string): Promise<PdfGeometry> {
  const bytes = await readFile(path);
  if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) throw new InvalidPdfError('not a PDF');
  try {
    const document = await PDFDocument.load(bytes);
    const pages = document.getPages().map((page) => page.getSize());
    return { pageCount: pages.length, pages };
  } catch (error) {
    throw new InvalidPdfError((error as Error).message);
  }
}

export async function findMarkers(path: string, markers: string[]): Promise<Map<string, MarkerHit[]>> {
  const text = (await readFile(path)).toString('latin1');
  const hits = new Map<string, MarkerHit[]>();
  for (const marker of markers) hits.set(marker, text.includes(`(${marker})`) ? [{ page: 1, left: 72, top: 100, width: 60, height: 12 }] : []);
  return hits;
}
