import type { Db } from './database.js';

/** Of these blob keys, the ones a document (its original or its PDF rendition) or an artifact row refers to. */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const [documents, renditions, artifacts] = await Promise.all([
    db.selectFrom('documents').select('blob_key').where('blob_key', 'in', keys).execute(),
    db.selectFrom('documents').select('rendition_blob_key as blob_key').where('rendition_blob_key', 'in', keys).execute(),
    db.selectFrom('artifacts').select('blob_key').where('blob_key', 'in', keys).execute(),
  ]);
  return new Set([...documents, ...renditions, ...artifacts].flatMap((row) => (row.blob_key === null ? [] : [row.blob_key])));
}
