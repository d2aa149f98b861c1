import { Button, Group, Skeleton, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhone } from '../hooks/usePhone';
import { scaleToFit, type PageSize } from './box-geometry';
import { PageThumbnails } from './PageThumbnails';
import { PdfPageCanvas, usePageSize } from './PdfPageCanvas';
import type { PDFDocumentProxy } from './pdfjs';
import './preview.css';

/**
 * A PDF one page at a time, as wide as the space it has (a phone's screen too), with page buttons and
 * thumbnails beside it (below it on a phone). `overlay` draws over the page in its own coordinates:
 * the page's size in points and the CSS pixels per point it is shown at.
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
  const scale = size ? scaleToFit(size, width, 1.6) : 0;
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
        <div ref={ref}>
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
