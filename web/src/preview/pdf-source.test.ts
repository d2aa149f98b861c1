import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../types';
import { pdfSource } from './pdf-source';

type Rendition = NonNullable<DocumentRecord['rendition']>;
const office = (rendition: Partial<Rendition> | null) => ({
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  filename: 'Report.docx',
  rendition: rendition && ({ status: 'ready', pages: 2, size: 10, sha256: null, error: null, ...rendition } as Rendition),
});

describe('where a preview reads a document’s PDF', () => {
  it('reads a PDF’s own content, and an office document’s rendition once it is ready', () => {
    expect(pdfSource({ mediaType: 'application/pdf', filename: 'Lease.pdf', rendition: null })).toEqual({ kind: 'file', path: '/api/v1/documents/{documentId}/content' });
    expect(pdfSource(office({ status: 'ready' }))).toEqual({ kind: 'file', path: '/api/v1/documents/{documentId}/rendition' });
    expect(pdfSource(office({ status: 'pending', pages: null }))).toEqual({ kind: 'converting' });
  });

  it('says why there is nothing to show, in the server’s words where it gave them', () => {
    expect(pdfSource(office({ status: 'failed', error: 'LibreOffice could not read Report.docx.' }))).toEqual({ kind: 'unavailable', reason: 'LibreOffice could not read Report.docx.' });
    expect(pdfSource(office(null))).toEqual({ kind: 'unavailable', reason: expect.stringContaining('Report.docx cannot be shown here') });
  });
});
