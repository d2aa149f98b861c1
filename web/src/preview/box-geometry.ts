/**
 * Where a signature box is, on screen and for the API. The API's box (src/domain/participant-options.ts
 * `BoxField`) is in PDF points (1/72 inch) from the top-left corner of the page as displayed — the
 * crop box, with the page's /Rotate applied — and its `page` is 1-based. pdf.js's viewport shows the
 * page in exactly that frame (`page.getViewport({ scale })` starts from the crop box and applies
 * /Rotate), so a point on the rendered page is its CSS pixel offset divided by the scale: no flip of
 * the y axis and no crop-box origin to add here. `box-geometry.test.ts` holds that to pdf.js's own
 * `convertToPdfPoint` on a cropped, rotated page.
 *
 * Pure: no DOM, no React.
 */

/** A rectangle in PDF points from the displayed page's top-left corner. */
export interface PointRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A rectangle in CSS pixels from the rendered page's top-left corner. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The displayed page's size in points (`getViewport({ scale: 1 })`'s width and height). */
export interface PageSize {
  width: number;
  height: number;
}

/** A box dropped with a click rather than drawn: about the size of a handwritten signature. */
export const DEFAULT_BOX_SIZE = { width: 180, height: 50 } as const;
/** Smaller than this (points) is not a box a person can sign in; a drag shorter than it is a click. */
export const MIN_BOX_SIZE = 12;

/** Whole points: what a person reads and types in the fields form, and what survives a reload unchanged. */
const round = (value: number) => Math.round(value);

export function pointsToPixels(box: PointRect, scale: number): PixelRect {
  return { x: box.left * scale, y: box.top * scale, width: box.width * scale, height: box.height * scale };
}

/** A rectangle drawn on the page at `scale` as a box in whole points, kept on the page. */
export function pixelsToPoints(rect: PixelRect, scale: number, page: PageSize): PointRect {
  return keepOnPage(
    { left: round(rect.x / scale), top: round(rect.y / scale), width: round(rect.width / scale), height: round(rect.height / scale) },
    page,
  );
}

/**
 * The box a drag from `start` to `end` (points, either direction) draws; a drag shorter than
 * {@link MIN_BOX_SIZE} either way is a drop: a box of the default size centred where it was dropped.
 */
export function boxFromDrag(start: { x: number; y: number }, end: { x: number; y: number }, page: PageSize): PointRect {
  const width = Math.abs(end.x - start.x);
  const height = Math.abs(end.y - start.y);
  if (width < MIN_BOX_SIZE || height < MIN_BOX_SIZE) {
    return keepOnPage({ left: round(end.x - DEFAULT_BOX_SIZE.width / 2), top: round(end.y - DEFAULT_BOX_SIZE.height / 2), ...DEFAULT_BOX_SIZE }, page);
  }
  return keepOnPage({ left: round(Math.min(start.x, end.x)), top: round(Math.min(start.y, end.y)), width: round(width), height: round(height) }, page);
}

/** The box moved by (dx, dy) points, stopped at the page's edges. */
export function moveBox(box: PointRect, dx: number, dy: number, page: PageSize): PointRect {
  return keepOnPage({ ...box, left: round(box.left + dx), top: round(box.top + dy) }, page);
}

/** The box with its bottom-right corner moved by (dw, dh) points: at least {@link MIN_BOX_SIZE}, within the page. */
export function resizeBox(box: PointRect, dw: number, dh: number, page: PageSize): PointRect {
  const width = Math.min(Math.max(MIN_BOX_SIZE, round(box.width + dw)), Math.floor(page.width) - box.left);
  const height = Math.min(Math.max(MIN_BOX_SIZE, round(box.height + dh)), Math.floor(page.height) - box.top);
  return keepOnPage({ ...box, width, height }, page);
}

/**
 * The box shrunk to fit the page if larger, then slid inside it: a provider places a box that runs
 * off the page nowhere, or somewhere else.
 */
export function keepOnPage(box: PointRect, page: PageSize): PointRect {
  const pageWidth = Math.floor(page.width);
  const pageHeight = Math.floor(page.height);
  const width = Math.max(Math.min(box.width, pageWidth), Math.min(MIN_BOX_SIZE, pageWidth));
  const height = Math.max(Math.min(box.height, pageHeight), Math.min(MIN_BOX_SIZE, pageHeight));
  return {
    left: Math.min(Math.max(0, box.left), pageWidth - width),
    top: Math.min(Math.max(0, box.top), pageHeight - height),
    width,
    height,
  };
}

/** The scale at which a page fills `availableWidth` CSS pixels, never above `maxScale` (a small page is not blown up). */
export function scaleToFit(page: PageSize, availableWidth: number, maxScale = 2): number {
  if (availableWidth <= 0 || page.width <= 0) return 1;
  return Math.min(availableWidth / page.width, maxScale);
}
