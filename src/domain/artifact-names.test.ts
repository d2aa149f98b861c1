import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeFileName, nameArtifacts, type ProviderFileName } from './artifact-names.js';

const pdf = (filename: string, extra: Partial<ProviderFileName> = {}): ProviderFileName => ({ kind: 'signed', filename, mediaType: 'application/pdf', ...extra });

describe('nameArtifacts', () => {
  it('names a signed file after its original document, without the original extension', () => {
    const envelope = { title: 'Boat rental', documents: [{ id: 'doc_a', filename: 'Agreement.docx' }, { id: 'doc_b', filename: 'Annex.pdf' }] };
    // ConsignO and Autenti keep the name they were sent: the office document went as its PDF rendition.
    expect(nameArtifacts([pdf('Annex.pdf'), pdf('Agreement.pdf')], envelope)).toEqual([
      { filename: 'Annex-signed.pdf', documentId: 'doc_b' },
      { filename: 'Agreement-signed.pdf', documentId: 'doc_a' },
    ]);
  });

  it('trusts the provider’s document reference over the name (Connective)', () => {
    const envelope = { title: 'T', documents: [{ id: 'doc_a', filename: 'one.pdf' }, { id: 'doc_b', filename: 'two.pdf' }] };
    expect(nameArtifacts([pdf('one.pdf', { documentId: 'doc_b' })], envelope)).toEqual([{ filename: 'two-signed.pdf', documentId: 'doc_b' }]);
  });

  it('pairs documents of one name in order and keeps the names unique regardless of case', () => {
    const envelope = { title: 'T', documents: [{ id: 'doc_a', filename: 'Contract.pdf' }, { id: 'doc_b', filename: 'contract.pdf' }] };
    expect(nameArtifacts([pdf('Contract.pdf'), pdf('contract.pdf')], envelope)).toEqual([
      { filename: 'Contract-signed.pdf', documentId: 'doc_a' },
      { filename: 'contract-signed (2).pdf', documentId: 'doc_b' },
    ]);
  });

  it('takes a lone signed file of a one-document envelope for that document whatever the provider called it', () => {
    const envelope = { title: 'T', documents: [{ id: 'doc_a', filename: 'Umowa najmu łodzi.pdf' }] };
    expect(nameArtifacts([pdf('FILE-1.pdf')], envelope)).toEqual([{ filename: 'Umowa najmu łodzi-signed.pdf', documentId: 'doc_a' }]);
  });

  it('names an unmatched signed file after the provider’s name, and links it to nothing', () => {
    const envelope = { title: 'T', documents: [{ id: 'doc_a', filename: 'a.pdf' }, { id: 'doc_b', filename: 'b.pdf' }] };
    expect(nameArtifacts([pdf('zzz.pdf')], envelope)).toEqual([{ filename: 'zzz-signed.pdf', documentId: null }]);
  });

  it('names the audit proof after the envelope, in its own format', () => {
    const envelope = { title: 'Boat <rental>: "2026/05"', documents: [{ id: 'doc_a', filename: 'a.pdf' }] };
    expect(
      nameArtifacts(
        [
          { kind: 'audit', filename: 'audit-proof-123.xml', mediaType: 'application/xml' },
          { kind: 'audit', filename: 'audit-trail-9.pdf', mediaType: 'application/pdf' },
          { kind: 'audit', filename: 'second.xml', mediaType: 'text/xml' },
        ],
        envelope,
      ),
    ).toEqual([
      { filename: 'Boat rental- 2026-05-audit-proof.xml', documentId: null },
      { filename: 'Boat rental- 2026-05-audit-proof.pdf', documentId: null },
      { filename: 'Boat rental- 2026-05-audit-proof (2).xml', documentId: null },
    ]);
  });

  it('does not say "signed" twice, and falls back to a plain word for a name with nothing left', () => {
    const envelope = { title: '...', documents: [{ id: 'doc_a', filename: 'x-signed.pdf' }, { id: 'doc_b', filename: '?.pdf' }] };
    expect(nameArtifacts([pdf('x-signed.pdf'), pdf('?.pdf'), { kind: 'audit', filename: 'a', mediaType: 'application/octet-stream' }], envelope)).toEqual([
      { filename: 'x-signed.pdf', documentId: 'doc_a' },
      { filename: 'document-signed.pdf', documentId: 'doc_b' },
      { filename: 'envelope-audit-proof.bin', documentId: null },
    ]);
  });

  it('gives plain, unique file names whatever the provider and the title say', () => {
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    fc.assert(
      fc.property(text, fc.array(fc.record({ kind: fc.constantFrom('signed' as const, 'audit' as const), filename: text, mediaType: fc.constantFrom('application/pdf', 'application/xml', 'x/y') }), { maxLength: 6 }), (title, files) => {
        const names = nameArtifacts(files, { title, documents: [] }).map((artifact) => artifact.filename);
        for (const name of names) {
          expect(name).not.toMatch(/[\u0000-\u001f\u007f<>:"/\\|?*]/);
          expect(name).not.toMatch(/^[.\s]/);
          expect(Buffer.byteLength(name)).toBeLessThan(255);
        }
        expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
      }),
    );
  });
});

describe('envelopeFileName', () => {
  it('names an envelope-wide file after the title', () => {
    expect(envelopeFileName('Zażółć / gęślą ', 'completion-certificate', 'html')).toBe('Zażółć - gęślą-completion-certificate.html');
    expect(envelopeFileName('-- "Lease" --', 'signed-files', 'zip')).toBe('Lease-signed-files.zip');
  });
});
