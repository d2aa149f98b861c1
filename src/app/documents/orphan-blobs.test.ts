import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, createTestDocument } from '../../../test/support/app-context.js';
import { findDocument } from '../../store/documents.js';
import { sweepOrphanBlobs } from './orphan-blobs.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function contextWithOrphan() {
  const { context, close } = await createTestContext([]);
  closers.push(close);
  const documentId = await createTestDocument(context, 'Kept');
  const orphan = await context.blobs.write(Readable.from([Buffer.from('stored, then its writer died')]));
  return { context, documentId, orphan };
}

async function storedKeys(context: Awaited<ReturnType<typeof contextWithOrphan>>['context']): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of context.blobs.keys()) keys.push(key);
  return keys;
}

describe('sweepOrphanBlobs', () => {
  it('deletes a blob no row refers to and keeps a document’s', async () => {
    const { context, documentId, orphan } = await contextWithOrphan();
    expect(await sweepOrphanBlobs(context)).toBe(1);
    const keys = await storedKeys(context);
    expect(keys).not.toContain(orphan.key);
    expect(keys).toContain((await findDocument(context.db, documentId))!.blobKey);
  });

  it('with a grace period (a store other instances write to), keeps an unreferenced blob younger than it', async () => {
    const { context, orphan } = await contextWithOrphan();
    expect(await sweepOrphanBlobs(context, { graceMs: 60 * 60 * 1000 })).toBe(0);
    expect(await storedKeys(context)).toContain(orphan.key);
  });
});
