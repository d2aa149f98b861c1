import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConnectiveContext } from './context.js';
import { actorsOf, fullName, type StoredDocument, type StoredPackage } from './model.js';
import { signDocument, type SignerMark } from './signed-output.js';

/**
 * Where a package's documents live (`<dataDir>/sandbox/connective-files/<package id>/`) and the signing
 * of them when the package finishes. Apart from the download routes so that the workflow can sign
 * without depending on the routes.
 */

/** Absolute path of a stored file (paths in the package are relative to the store's files folder). */
export const filePath = (context: ConnectiveContext, relative: string) => join(context.store.filesDir, relative);
export const sourcePathFor = (packageId: string, documentId: string) => join(packageId, `${documentId}.pdf`);
const signedPathFor = (packageId: string, documentId: string) => join(packageId, `${documentId}.signed.pdf`);

/** The bytes a download serves: the signed document once there is one, else the source. */
export const currentPath = (context: ConnectiveContext, document: StoredDocument) => filePath(context, document.signedPath ?? document.sourcePath);

/**
 * Signs every document once per signer who signed it (a signer signs a document when one of its
 * locations is on it), each signature visible in the signer's first location there. Documents no
 * signer signed (everyone skipped) stay unsigned.
 */
export async function signDocuments(context: ConnectiveContext, pkg: StoredPackage): Promise<void> {
  const signers = actorsOf(pkg).filter(({ actor }) => actor.type === 'Signer' && actor.status === 'Finished');
  for (const document of pkg.documents) {
    const marks: SignerMark[] = [];
    for (const { stakeholder, actor } of signers) {
      const location = document.locations.find((candidate) => actor.locationIds.includes(candidate.id));
      if (!location) continue;
      marks.push({
        name: fullName(stakeholder) || stakeholder.email,
        email: stakeholder.email,
        signedAt: new Date(actor.completedAt ?? context.now().toISOString()),
        box: { page: location.pageNumber, left: location.left, top: location.top, width: location.width, height: location.height },
      });
    }
    if (marks.length === 0) continue;
    const signed = await signDocument(await readFile(filePath(context, document.sourcePath)), marks, {
      authority: await context.authority(),
      reason: `Signed in "${pkg.name}" (Connective sandbox)`,
    });
    const relative = signedPathFor(pkg.id, document.id);
    await mkdir(dirname(filePath(context, relative)), { recursive: true });
    await writeFile(filePath(context, relative), signed);
    document.signedPath = relative;
  }
}

