import { Skeleton } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { PageSize } from './box-geometry';
import { isRenderCancelled, type PDFDocumentProxy } from './pdfjs';

/**
 * One page of `pdf` drawn at `scale` CSS pixels per point, sharp on high-density screens (the canvas
 * holds devicePixelRatio times as many pixels). A newer scale or page cancels the render under way.
 */
export function PdfPageCanvas({ pdf, pageNumber, size, scale, label }: { pdf: PDFDocumentProxy; pageNumber: number; size: PageSize; scale: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let task: { cancel(): void } | undefined;
    void (async () => {
      try {
        const page = await pdf.getPage(pageNumber);
        const target = canvas.current;
        if (cancelled || !target) return;
        const viewport = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        const context = target.getContext('2d');
        if (!context) throw new Error('This browser cannot draw on a canvas.');
        const render = page.render({ canvasContext: context, viewport });
        task = render;
        await render.promise;
        if (!cancelled) setDrawn(true);
      } catch (error) {
        if (!cancelled && !isRenderCancelled(error)) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, pageNumber, scale]);

  const width = size.width * scale;
  const height = size.height * scale;
  return (
    <div style={{ position: 'relative', width, height, background: 'white' }}>
      <canvas ref={canvas} role="img" aria-label={label} data-drawn={drawn || undefined} style={{ display: 'block', width, height }} />
      {!drawn && !failed && <Skeleton pos="absolute" inset={0} radius={0} />}
    </div>
  );
}

/** The page's displayed size in points (crop box, /Rotate applied), or undefined until pdf.js has read it. */
export function usePageSize(pdf: PDFDocumentProxy, pageNumber: number): PageSize | undefined {
  const [size, setSize] = useState<{ page: number; pdf: PDFDocumentProxy; size: PageSize }>();
  useEffect(() => {
    let cancelled = false;
    void pdf.getPage(pageNumber).then(
      (page) => {
        const viewport = page.getViewport({ scale: 1 });
        if (!cancelled) setSize({ page: pageNumber, pdf, size: { width: viewport.width, height: viewport.height } });
      },
      () => undefined, // the page's canvas shows the failure
    );
    return () => {
      cancelled = true;
    };
  }, [pdf, pageNumber]);
  return size?.page === pageNumber && size.pdf === pdf ? size.size : undefined;
}
