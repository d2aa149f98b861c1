import { randomBytes, randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsignoContext } from './context.js';

/**
 * Where the sandbox keeps files (`<dataDir>/sandbox/consigno-files/`): uploads under `documents/`,
 * each workflow's signed versions and audit trail under `workflows/<id>/`. Paths in records are
 * relative to that folder.
 */

export const filePath = (context: ConsignoContext, relative: string) => join(context.store.filesDir, relative);
export const incomingPath = () => join('incoming', `${randomUUID()}.upload`);
export const documentPath = (documentId: string) => join('documents', `${documentId}.pdf`);
export const workflowFile = (workflowId: string, name: string) => join('workflows', workflowId, name);

/** ConsignO's ids are 24 hexadecimal characters (MongoDB object ids; references, "ConsignO Cloud"). */
export const newId = () => randomBytes(12).toString('hex');

/** Whether the file starts with `%PDF-` (seed 002: "Only PDF document can be uploaded"). */
export async function startsAsPdf(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.toString('latin1') === '%PDF-';
  } finally {
    await handle.close();
  }
}
