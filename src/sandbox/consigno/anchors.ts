/**
 * STUB until helper A2's anchors.ts lands (branch i11-sandbox-pdf): same signatures, built on the
 * Connective sandbox's pdfjs reader.
 */
import { PDFDocument } from 'pdf-lib';
import { readFile } from 'node:fs/promises';
import { findMarkers, InvalidPdfError } from '../connective/locations.js';

export { InvalidPdfError };

export interface AnchorSpec { tag: string; xOffset?: number; yOffset?: number; width?: number; height?: number; page?: number; skipIfNotFound?: boolean; assignedTo: string }
export interface Zone { page: number; x: number; y: number; width: number; height: number; assignedTo: string }

export async function zonesFromAnchors(pdfPath: string, anchors: AnchorSpec[]): Promise<{ zones: Zone[]; missing: string[] }> {
  const hits = await findMarkers(pdfPath, anchors.map((anchor) => anchor.tag));
  const zones: Zone[] = [];
  const missing: string[] = [];
  for (const anchor of anchors) {
    const found = (hits.get(anchor.tag) ?? []).filter((hit) => anchor.page === undefined || hit.page === anchor.page);
    if (found.length === 0 && !anchor.skipIfNotFound) missing.push(anchor.tag);
    for (const hit of found) {
      zones.push({ page: hit.page, x: hit.left + (anchor.xOffset ?? 0), y: hit.top + (anchor.yOffset ?? 0), width: anchor.width ?? 165, height: anchor.height ?? 37, assignedTo: anchor.assignedTo });
    }
  }
  return { zones, missing };
}

export async function pageCountOf(pdfPath: string): Promise<number> {
  try {
    return (await PDFDocument.load(await readFile(pdfPath), { updateMetadata: false })).getPageCount();
  } catch (error) {
    throw new InvalidPdfError((error as Error).message);
  }
}
