/** STUB until helper A2's signed-output.ts lands (branch i11-sandbox-pdf): same signature. */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { signPdf, type SandboxAuthority } from '../signing/index.js';
import type { Zone } from './anchors.js';

export async function signForSigner(input: {
  pdfPath: string;
  outPath: string;
  zones: Zone[];
  signerName: string;
  email: string;
  reason: string;
  authority: () => Promise<SandboxAuthority>;
  at: Date;
}): Promise<{ sha256: string; size: number }> {
  const zone = input.zones[0];
  const signed = await signPdf(await readFile(input.pdfPath), {
    authority: await input.authority(),
    signerName: input.signerName,
    reason: input.reason,
    location: 'ConsignO Cloud sandbox',
    contactInfo: input.email,
    signedAt: input.at,
    ...(zone ? { rect: { page: zone.page, left: zone.x, top: zone.y, width: zone.width, height: zone.height } } : {}),
  });
  await writeFile(input.outPath, signed);
  return { sha256: createHash('sha256').update(signed).digest('hex'), size: signed.length };
}
