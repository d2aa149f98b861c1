import { degrees, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { boxFromDrag, DEFAULT_BOX_SIZE, keepOnPage, MIN_BOX_SIZE, moveBox, pixelsToPoints, pointsToPixels, resizeBox, scaleToFit } from './box-geometry';

const A4 = { width: 595, height: 842 };

describe('box geometry', () => {
  it('turns a rectangle drawn at a scale into whole points and back', () => {
    const scale = 1.5;
    const box = pixelsToPoints({ x: 150, y: 300.4, width: 225, height: 60 }, scale, A4);
    expect(box).toEqual({ left: 100, top: 200, width: 150, height: 40 });
    expect(pointsToPixels(box, scale)).toEqual({ x: 150, y: 300, width: 225, height: 60 });
  });

  it('draws a box from a drag in either direction, and drops a default-sized one for a click', () => {
    expect(boxFromDrag({ x: 300, y: 250 }, { x: 100, y: 200 }, A4)).toEqual({ left: 100, top: 200, width: 200, height: 50 });
    expect(boxFromDrag({ x: 300, y: 300 }, { x: 302, y: 301 }, A4)).toEqual({ left: 302 - 90, top: 301 - 25, ...DEFAULT_BOX_SIZE });
    // Dropped at the page's corner, the box stays on the page.
    expect(boxFromDrag({ x: 590, y: 840 }, { x: 590, y: 840 }, A4)).toEqual({ left: 595 - 180, top: 842 - 50, ...DEFAULT_BOX_SIZE });
  });

  it('moves and resizes within the page, never below the smallest box', () => {
    const box = { left: 100, top: 100, width: 150, height: 40 };
    expect(moveBox(box, 10.4, -20, A4)).toEqual({ left: 110, top: 80, width: 150, height: 40 });
    expect(moveBox(box, -500, 5000, A4)).toEqual({ left: 0, top: 842 - 40, width: 150, height: 40 });
    expect(resizeBox(box, 30, 10, A4)).toEqual({ left: 100, top: 100, width: 180, height: 50 });
    expect(resizeBox(box, -1000, -1000, A4)).toEqual({ left: 100, top: 100, width: MIN_BOX_SIZE, height: MIN_BOX_SIZE });
    expect(resizeBox(box, 1000, 0, A4)).toEqual({ left: 100, top: 100, width: 495, height: 40 });
    expect(keepOnPage({ left: -5, top: 10, width: 900, height: 40 }, A4)).toEqual({ left: 0, top: 10, width: 595, height: 40 });
  });

  it('fits the page to the width available, without blowing a small page up', () => {
    expect(scaleToFit(A4, 297.5)).toBe(0.5);
    expect(scaleToFit(A4, 5000)).toBe(2);
  });

  // The API's frame (the displayed page's top-left, crop box and /Rotate applied) is pdf.js's viewport
  // frame: checked against pdf.js's own conversion to PDF user space on a cropped page turned by 90°,
  // where the user-space point of a displayed (dx, dy) is (crop.x + dy, crop.y + dx) (ISO 32000 8.3.2.3,
  // as src/sandbox/signing/sign-pdf.ts places a signature).
  it('agrees with pdf.js on a cropped, rotated page', async () => {
    const made = await PDFDocument.create();
    const page = made.addPage([600, 800]);
    page.setCropBox(50, 100, 500, 600);
    page.setRotation(degrees(90));
    const bytes = await made.save();

    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 }).promise;
    try {
      const pdfPage = await pdf.getPage(1);
      const size = pdfPage.getViewport({ scale: 1 });
      // Turned by 90°: the displayed page is the crop box's height wide.
      expect({ width: size.width, height: size.height }).toEqual({ width: 600, height: 500 });
      const scale = 1.25;
      const viewport = pdfPage.getViewport({ scale });
      const drawn = { x: 125, y: 250, width: 200, height: 75 };
      const box = pixelsToPoints(drawn, scale, size);
      expect(box).toEqual({ left: 100, top: 200, width: 160, height: 60 });
      const [userX, userY] = viewport.convertToPdfPoint(drawn.x, drawn.y) as [number, number];
      expect(userX).toBeCloseTo(50 + box.top, 6);
      expect(userY).toBeCloseTo(100 + box.left, 6);
    } finally {
      await pdf.destroy();
    }
  });
});
