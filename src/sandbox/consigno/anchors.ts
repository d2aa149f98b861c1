/**
 * Signature zones placed by anchors: text tags in the document ("[sign-here]", often white on white)
 * where ConsignO puts a zone. "If a tag has many occurrences within a document, it will be used as
 * often as found, unless page restrictions are set" (seed 002, "Using anchors as a placeholder").
 *
 * Positions in ConsignO's units, 1/72 in from the top-left corner of the page — the same as PDF points
 * from the top-left of the page as displayed, the convention of ../pdf-text.ts, so no conversion is
 * needed. A zone starts at the top-left corner of the tag's box, moved by the anchor's offsets.
 */
import { findText, readPdfPageCount } from '../pdf-text.js';

export { InvalidPdfError } from '../pdf-text.js';

/** One entry of a workflow document's `anchors[]`, as accepted by the API (validated before). */
export interface AnchorSpec {
  tag: string;
  xOffset?: number;
  yOffset?: number;
  width?: number;
  height?: number;
  /** 1-based; only occurrences on this page count. */
  page?: number;
  skipIfNotFound?: boolean;
  /** The `ref` of the signer or action the zone belongs to. */
  assignedTo: string;
}

/** A signature zone: 1-based page, position and size in units (points) from the page's top-left corner. */
export interface Zone {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  assignedTo: string;
}

/** ConsignO's default zone size when a field or anchor gives none (reference README, "ConsignO"). */
export const DEFAULT_ZONE_WIDTH = 165;
export const DEFAULT_ZONE_HEIGHT = 37;

/**
 * One zone per occurrence of each anchor's tag (on its `page` only when it has one), in the order of
 * `anchors`, then in reading order. `missing` lists, once each and in the order of `anchors`, the tags
 * of anchors that found nothing and do not say `skipIfNotFound` (the caller refuses the workflow
 * naming them). Throws {@link InvalidPdfError} for a file that is not a readable PDF.
 */
export async function zonesFromAnchors(pdfPath: string, anchors: AnchorSpec[]): Promise<{ zones: Zone[]; missing: string[] }> {
  if (anchors.length === 0) return { zones: [], missing: [] };
  // Read only the restricted pages when every anchor is restricted; otherwise every page once.
  const pages = anchors.every((anchor) => anchor.page !== undefined) ? anchors.map((anchor) => anchor.page!) : undefined;
  const hits = await findText(
    pdfPath,
    anchors.map((anchor) => anchor.tag),
    pages ? { pages } : {},
  );
  const zones: Zone[] = [];
  const missing: string[] = [];
  for (const anchor of anchors) {
    const found = (hits.get(anchor.tag) ?? []).filter((hit) => anchor.page === undefined || hit.page === anchor.page);
    if (found.length === 0 && !anchor.skipIfNotFound && !missing.includes(anchor.tag)) missing.push(anchor.tag);
    for (const hit of found) {
      zones.push({
        page: hit.page,
        x: round(hit.left + (anchor.xOffset ?? 0)),
        y: round(hit.top + (anchor.yOffset ?? 0)),
        width: anchor.width ?? DEFAULT_ZONE_WIDTH,
        height: anchor.height ?? DEFAULT_ZONE_HEIGHT,
        assignedTo: anchor.assignedTo,
      });
    }
  }
  return { zones, missing };
}

/** The number of pages of the PDF at `pdfPath`. Throws {@link InvalidPdfError} for a file that is not a readable PDF. */
export function pageCountOf(pdfPath: string): Promise<number> {
  return readPdfPageCount(pdfPath);
}

/** Hundredths of a unit, as the text positions are: no float noise in answers. */
const round = (value: number) => Math.round(value * 100) / 100;
