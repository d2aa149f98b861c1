import { Stack, Text, UnstyledButton } from '@mantine/core';
import { useInViewport, useMergedRef } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PdfPageCanvas, usePageSize } from './PdfPageCanvas';
import type { PDFDocumentProxy } from './pdfjs';

const THUMBNAIL_WIDTH = 84;

/**
 * A small picture of every page, each a button that shows that page; the shown one is marked
 * (`aria-current`). A thumbnail is drawn once it scrolls into view, so a long document does not draw
 * a hundred pages before the first one shows.
 */
export function PageThumbnails({ pdf, current, onSelect, orientation }: { pdf: PDFDocumentProxy; current: number; onSelect: (page: number) => void; orientation: 'column' | 'row' }) {
  const { t } = useTranslation('documents');
  const pages = Array.from({ length: pdf.numPages }, (_, index) => index + 1);
  return (
    <nav aria-label={t('viewer.pages')} className={`page-thumbnails page-thumbnails-${orientation}`}>
      {pages.map((page) => (
        <Thumbnail key={page} pdf={pdf} page={page} current={page === current} onSelect={() => onSelect(page)} />
      ))}
    </nav>
  );
}

function Thumbnail({ pdf, page, current, onSelect }: { pdf: PDFDocumentProxy; page: number; current: boolean; onSelect: () => void }) {
  const { t } = useTranslation('documents');
  const { ref: viewportRef, inViewport } = useInViewport<HTMLButtonElement>();
  const button = useRef<HTMLButtonElement>(null);
  const ref = useMergedRef(viewportRef, button);
  const [seen, setSeen] = useState(false);
  const size = usePageSize(pdf, page);
  useEffect(() => {
    if (inViewport) setSeen(true);
  }, [inViewport]);
  useEffect(() => {
    if (current && button.current) scrollIntoStrip(button.current);
  }, [current]);

  return (
    <UnstyledButton ref={ref} onClick={onSelect} aria-current={current ? 'page' : undefined} aria-label={t('viewer.thumbnail', { page })} className="page-thumbnail">
      <Stack gap={4} align="center">
        {seen && size ? (
          <PdfPageCanvas pdf={pdf} pageNumber={page} size={size} scale={THUMBNAIL_WIDTH / size.width} label={t('viewer.thumbnailCanvas', { page })} />
        ) : (
          <div style={{ width: THUMBNAIL_WIDTH, height: THUMBNAIL_WIDTH * 1.41, background: 'var(--mantine-color-gray-1)' }} />
        )}
        <Text size="xs" c={current ? undefined : 'dimmed'} fw={current ? 700 : undefined} aria-hidden="true">
          {page}
        </Text>
      </Stack>
    </UnstyledButton>
  );
}

/**
 * Brings the thumbnail into its strip's view. Not `scrollIntoView`, which scrolls the window too: on a
 * phone the strip is under the page, and opening a document must not jump down to it.
 */
function scrollIntoStrip(thumbnail: HTMLElement) {
  const strip = thumbnail.parentElement;
  if (!strip) return;
  if (thumbnail.offsetLeft < strip.scrollLeft || thumbnail.offsetLeft + thumbnail.offsetWidth > strip.scrollLeft + strip.clientWidth) {
    strip.scrollLeft = thumbnail.offsetLeft - 4;
  }
  if (thumbnail.offsetTop < strip.scrollTop || thumbnail.offsetTop + thumbnail.offsetHeight > strip.scrollTop + strip.clientHeight) {
    strip.scrollTop = thumbnail.offsetTop - 4;
  }
}
