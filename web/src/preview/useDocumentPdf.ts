import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useApiData } from '../hooks/useApiData';
import type { DocumentRecord } from '../types';
import { pdfSource } from './pdf-source';
import { openPdf, type PDFDocumentProxy } from './pdfjs';

/** While an office document's PDF is being made, it is asked for again this often. */
const CONVERTING_POLL_MS = 2000;

export type DocumentPdf =
  | { state: 'loading' }
  | { state: 'converting'; document: DocumentRecord }
  | { state: 'unavailable'; document: DocumentRecord; reason: string }
  | { state: 'failed'; error: unknown }
  | { state: 'ready'; document: DocumentRecord; pdf: PDFDocumentProxy };

/**
 * The document as pdf.js reads it: a PDF's own content, an office document's PDF rendition (made by
 * LibreOffice after upload, `GET /documents/{id}/rendition`) once it is ready. A refusal or a
 * rendition that failed says why in the server's words.
 */
export function useDocumentPdf(documentId: string): DocumentPdf {
  const { t } = useTranslation('documents');
  const record = useApiData('/api/v1/documents/{documentId}', { params: { path: { documentId } } });
  const [opened, setOpened] = useState<{ for: DocumentRecord; pdf: PDFDocumentProxy } | { for: DocumentRecord; error: unknown } | null>(null);
  const document = record.data;
  const source = document ? pdfSource(document, t) : undefined;

  // An interval, not a timeout re-armed by each answer: an answer that says "still converting" is
  // the same data, which the query keeps as the same object, so a re-armed timeout stopped after the
  // first ask and a conversion slower than that was never shown.
  useEffect(() => {
    if (source?.kind !== 'converting') return;
    const timer = window.setInterval(() => void record.reload(), CONVERTING_POLL_MS);
    return () => window.clearInterval(timer);
  }, [source?.kind, record.reload]);

  useEffect(() => {
    if (!document || source?.kind !== 'file') return;
    const controller = new AbortController();
    let pdf: PDFDocumentProxy | undefined;
    void (async () => {
      try {
        pdf = await openPdf(await api.readDocumentFile(source.path, document.id, controller.signal));
        if (controller.signal.aborted) await pdf.destroy();
        else setOpened({ for: document, pdf });
      } catch (error) {
        if (!controller.signal.aborted) setOpened({ for: document, error });
      }
    })();
    return () => {
      controller.abort();
      void pdf?.destroy();
    };
    // Opened once per document and source: a reload of the record with the same content keeps the PDF.
  }, [document?.id, document?.sha256, source?.kind]);

  if (record.error !== undefined && !document) return { state: 'failed', error: record.error };
  if (!document || !source) return { state: 'loading' };
  if (source.kind === 'converting') return { state: 'converting', document };
  if (source.kind === 'unavailable') return { state: 'unavailable', document, reason: source.reason };
  if (!opened || opened.for.id !== document.id) return { state: 'loading' };
  return 'pdf' in opened ? { state: 'ready', document, pdf: opened.pdf } : { state: 'failed', error: opened.error };
}
