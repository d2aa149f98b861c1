/**
 * The signed PDF of a ConsignO sandbox document: one PAdES signature per signer, by the shared sandbox
 * certificate authority, each added as an incremental update on the previous output so that every
 * earlier signature stays valid (what pdfsig checks in the tests and integrators check in practice).
 *
 * Zones are in ConsignO's units (1/72 in from the top-left of the page), which are the displayed-page
 * points `signPdf`'s `rect` takes: signPdf turns them into the page's user space (bottom-left origin,
 * from the crop box and height, /Rotate applied), so a zone is handed over unchanged.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { signPdf, type SandboxAuthority } from '../signing/index.js';
import type { Zone } from './anchors.js';

/** Shown as each signature's /Location. */
const LOCATION = 'ConsignO sandbox';

/** What {@link signForSigner} needs: the document, where to write, and who signs where. */
export interface SignForSignerInput {
  /** The document as it is now (the original, or the output of the previous signer). */
  pdfPath: string;
  /** Where the signed document goes; may be `pdfPath` itself (replaced only once the signature is made). */
  outPath: string;
  /** This signer's zones on this document; the widget goes in the first. None: an invisible signature. */
  zones: Zone[];
  signerName: string;
  email: string;
  /** The signature's /Reason, e.g. "Signed with ConsignO sandbox (certifio emulated as esig)". */
  reason: string;
  authority: () => Promise<SandboxAuthority>;
  /** The signing time claimed in the signature and shown in its widget. */
  at: Date;
}

/**
 * Adds the signature of one signer to the document at `pdfPath` and writes the result to `outPath`.
 * The sandbox reads the whole document to sign it (the server streams documents; the sandbox plays the
 * provider, which must hash them). Throws what `signPdf` throws for a PDF it cannot sign (encrypted,
 * damaged) or a zone on a page the PDF lacks; `outPath` is then left as it was.
 */
export async function signForSigner(input: SignForSignerInput): Promise<{ sha256: string; size: number }> {
  const pdf = await readFile(input.pdfPath);
  const zone = input.zones[0];
  const signed = await signPdf(pdf, {
    authority: await input.authority(),
    signerName: input.signerName,
    reason: input.reason,
    location: LOCATION,
    contactInfo: input.email,
    signedAt: input.at,
    ...(zone ? { rect: { page: zone.page, left: zone.x, top: zone.y, width: zone.width, height: zone.height } } : {}),
  });
  // Written beside the target and renamed over it: a reader never sees half a file, and signing in
  // place (outPath === pdfPath) cannot lose the document if the write fails.
  const temporary = `${input.outPath}.${randomUUID()}.partial`;
  try {
    await writeFile(temporary, signed);
    await rename(temporary, input.outPath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { sha256: createHash('sha256').update(signed).digest('hex'), size: signed.length };
}
