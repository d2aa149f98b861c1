import { Button, Group, Skeleton, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhone } from '../hooks/usePhone';
import { scaleToFit, type PageSize } from './box-geometry';
import { PageThumbnails } from './PageThumbnails';
import { PdfPageCanvas, usePageSize } from './PdfPageCanvas';
import type { PDFDocumentProxy } from './pdfjs';
import './preview.css';

/** The zoom steps, as a share of the page fitted to the width: smaller to see a whole page, larger to read small print. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

/**
 * A PDF one page at a time, as wide as the space it has (a phone's screen too), with page buttons and
 * thumbnails beside it (below it on a phone), zoomed in or out by steps of that width (a page wider
 * than its space scrolls). `overlay` draws over the page in its own coordinates: the page's size in
 * points and the CSS pixels per point it is shown at, so that boxes follow the zoom.
 */
export function DocumentViewer({
  pdf,
  filename,
  page,
  onPageChange,
  overlay,
}: {
  pdf: PDFDocumentProxy;
  filename: string;
  page: number;
  onPageChange: (page: number) => void;
  overlay?: (page: { size: PageSize; scale: number }) => ReactNode;
}) {
  const phone = usePhone();
  const { t } = useTranslation('documents');
  const { ref, width } = useElementSize();
  const size = usePageSize(pdf, page);
  const [zoomStep, setZoomStep] = useState(ZOOM_STEPS.indexOf(1));
  const zoom = ZOOM_STEPS[zoomStep]!;
  const scale = size ? scaleToFit(size, width, 1.6) * zoom : 0;
  const pages = pdf.numPages;

  return (
    <div className="document-viewer">
      <div className="document-viewer-page">
        {pages > 1 && (
          <Group justify="space-between" mb="xs" gap="xs" wrap="nowrap">
            <Button variant="default" size="xs" disabled={page <= 1} onClick={() => onPageChange(page - 1)} aria-label={t('viewer.previousPage')}>
              {t('viewer.previous')}
            </Button>
            <Text size="sm" aria-live="polite">
              {t('viewer.pageOf', { page, pages })}
            </Text>
            <Button variant="default" size="xs" disabled={page >= pages} onClick={() => onPageChange(page + 1)} aria-label={t('viewer.nextPage')}>
              {t('viewer.next')}
            </Button>
          </Group>
        )}
        <Group justify="flex-end" mb="xs" gap={6} wrap="nowrap" role="group" aria-label={t('viewer.zoom')}>
          <Button variant="default" size="xs" disabled={zoomStep === 0} onClick={() => setZoomStep(zoomStep - 1)} aria-label={t('viewer.zoomOut')}>
            −
          </Button>
          <Text size="sm" miw={48} ta="center" aria-live="polite">
            {t('viewer.zoomLevel', { zoom })}
          </Text>
          <Button variant="default" size="xs" disabled={zoomStep === ZOOM_STEPS.length - 1} onClick={() => setZoomStep(zoomStep + 1)} aria-label={t('viewer.zoomIn')}>
            +
          </Button>
          <Button variant="default" size="xs" disabled={zoom === 1} onClick={() => setZoomStep(ZOOM_STEPS.indexOf(1))}>
            {t('viewer.fitWidth')}
          </Button>
        </Group>
        {/* Measured for the fit; a zoomed page wider than it scrolls inside it, the controls staying in view. */}
        <div ref={ref} className="document-viewer-scroller">
          {size && width > 0 ? (
            <div className="page-sheet" style={{ width: size.width * scale, height: size.height * scale }}>
              <PdfPageCanvas pdf={pdf} pageNumber={page} size={size} scale={scale} label={t('viewer.canvas', { filename, page, pages })} />
              {overlay?.({ size, scale })}
            </div>
          ) : (
            <Skeleton height={400} />
          )}
        </div>
      </div>
      {pages > 1 && <PageThumbnails pdf={pdf} current={page} onSelect={onPageChange} orientation={phone ? 'row' : 'column'} />}
    </div>
  );
}
