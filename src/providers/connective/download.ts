import { ProviderError } from '../errors.js';
import type { ArtifactKind, ProviderFile } from '../provider.js';
import type { ConnectiveClient } from './client.js';

/**
 * A finished package's files, each streamed on `open()` (seed 001 "Download Document from Package",
 * "Retrieve Package Audit Proofs"; docs/providers.md "download" and U16):
 * - `signed`: one PDF per document, from Download Document from Package, tied to our document by its
 *   `ExternalDocumentReference`. Connective would hand out a partially signed document before the
 *   package finishes; that is not the signed result, so before `Finished` this is a `conflict`.
 * - `audit`: the package's audit proof, XML, which Connective gives only once the package is
 *   `Finished` (`conflict` before, said here without a download attempt).
 */
export async function* downloadFiles(client: ConnectiveClient, packageId: string, kind: ArtifactKind): AsyncGenerator<ProviderFile> {
  const pkg = await client.getStatus(packageId);
  if (pkg.PackageStatus !== 'Finished') {
    throw new ProviderError({
      kind: 'conflict',
      provider: 'connective',
      message: `Connective eSignatures has no ${kind === 'signed' ? 'signed documents' : 'audit proof'} for package ${packageId} yet (status ${pkg.PackageStatus}); download ${kind === 'signed' ? 'them' : 'it'} once the package is finished.`,
    });
  }
  if (kind === 'audit') {
    yield { filename: `audit-proof-${packageId}.xml`, mediaType: 'application/xml', open: () => client.openAuditProof(packageId) };
    return;
  }
  for (const document of pkg.PackageDocuments ?? []) {
    const name = document.DocumentName ?? document.DocumentId;
    yield {
      filename: /\.pdf$/i.test(name) ? name : `${name}.pdf`,
      mediaType: 'application/pdf',
      ...(document.ExternalDocumentReference ? { documentId: document.ExternalDocumentReference } : {}),
      open: () => client.openDocument(packageId, document.DocumentId),
    };
  }
}
