/**
 * The signed PDF of a Connective sandbox document: one PAdES signature per signer, by the sandbox
 * certificate authority, each added as an incremental update so that every earlier one stays valid.
 */
import { signPdf, type SandboxAuthority } from '../signing/index.js';

/** One signer's signature: who, when, and where on the document it shows (invisible without a box). */
export interface SignerMark {
  name: string;
  email: string;
  signedAt: Date;
  /** 1-based page; points from the top-left corner of the page as displayed (see locations.ts). */
  box?: { page: number; left: number; top: number; width: number; height: number };
}

/** Shown as each signature's /Location. */
const LOCATION = 'Connective sandbox';

/**
 * `pdf` with a signature for each of `signers`, in the order given (the order they signed in: the
 * later signatures cover the earlier ones). Throws what `signPdf` throws for a PDF it cannot sign
 * (encrypted, damaged) or a box on a page the PDF lacks.
 */
export async function signDocument(
  pdf: Buffer,
  signers: SignerMark[],
  options: { authority: SandboxAuthority; reason: string },
): Promise<Buffer> {
  let signed = pdf;
  for (const signer of signers) {
    signed = await signPdf(signed, {
      authority: options.authority,
      signerName: signer.name,
      reason: options.reason,
      location: LOCATION,
      contactInfo: signer.email,
      signedAt: signer.signedAt,
      ...(signer.box ? { rect: signer.box } : {}),
    });
  }
  return signed;
}
