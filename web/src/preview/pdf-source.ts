import type { TFunction } from 'i18next';
import type { DocumentRecord } from '../types';

/** Where a preview reads a document's PDF from, by its type and its rendition's state. Pure. */

export type PdfSource =
  | { kind: 'file'; path: '/api/v1/documents/{documentId}/content' | '/api/v1/documents/{documentId}/rendition' }
  | { kind: 'converting' }
  | { kind: 'unavailable'; reason: string };

/** Where a document's PDF comes from: its content, its rendition, or nowhere yet (and why, in the app's language). */
export function pdfSource(document: Pick<DocumentRecord, 'mediaType' | 'filename' | 'rendition'>, t: TFunction<'documents'>): PdfSource {
  if (document.mediaType === 'application/pdf') return { kind: 'file', path: '/api/v1/documents/{documentId}/content' };
  const rendition = document.rendition;
  switch (rendition?.status) {
    case 'ready':
      return { kind: 'file', path: '/api/v1/documents/{documentId}/rendition' };
    case 'pending':
      return { kind: 'converting' };
    case 'failed':
    case 'unavailable':
      return { kind: 'unavailable', reason: rendition.error ?? t('pdfSource.noPdfVersion', { filename: document.filename }) };
    default:
      return { kind: 'unavailable', reason: t('pdfSource.cannotShow', { filename: document.filename }) };
  }
}
