// TEMP stand-in for H2's signed-output.ts: invisible signatures through src/sandbox/signing.
import { signPdf, type SandboxAuthority } from '../signing/index.js';

export interface SignerMark {
  name: string;
  email: string;
  signedAt: Date;
  box?: { page: number; left: number; top: number; width: number; height: number };
}

export async function signDocument(pdf: Buffer, signers: SignerMark[], options: { authority: SandboxAuthority; reason: string }): Promise<Buffer> {
  let current = pdf;
  for (const signer of signers) current = await signPdf(current, { authority: options.authority, signerName: signer.name, reason: options.reason, signedAt: signer.signedAt });
  return current;
}
