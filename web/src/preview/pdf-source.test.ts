import i18next from 'i18next';
import ICU from 'i18next-icu';
import documents from '../i18n/locales/en/documents.json';
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../types';
import { pdfSource } from './pdf-source';

// The helpers' words in English, as the app's catalog has them.
const english = i18next.createInstance().use(ICU);
await english.init({ lng: 'en', ns: ['documents'], defaultNS: 'documents', resources: { en: { documents } } });
const t = english.getFixedT('en', 'documents');

type Rendition = NonNullable<DocumentRecord['rendition']>;
const office = (rendition: Partial<Rendition> | null) => ({
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  filename: 'Report.docx',
  rendition: rendition && ({ status: 'ready', pages: 2, size: 10, sha256: null, error: null, ...rendition } as Rendition),
});

describe('where a preview reads a document’s PDF', () => {
  it('reads a PDF’s own content, and an office document’s rendition once it is ready', () => {
    expect(pdfSource({ mediaType: 'application/pdf', filename: 'Lease.pdf', rendition: null }, t)).toEqual({ kind: 'file', path: '/api/v1/documents/{documentId}/content' });
    expect(pdfSource(office({ status: 'ready' }), t)).toEqual({ kind: 'file', path: '/api/v1/documents/{documentId}/rendition' });
    expect(pdfSource(office({ status: 'pending', pages: null }), t)).toEqual({ kind: 'converting' });
  });

  it('says why there is nothing to show, in the server’s words where it gave them', () => {
    expect(pdfSource(office({ status: 'failed', error: 'LibreOffice could not read Report.docx.' }), t)).toEqual({ kind: 'unavailable', reason: 'LibreOffice could not read Report.docx.' });
    expect(pdfSource(office(null), t)).toEqual({ kind: 'unavailable', reason: expect.stringContaining('Report.docx cannot be shown here') });
  });
});
