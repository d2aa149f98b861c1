import type { Db } from './database.js';

/** Of these blob keys, the ones a document or an artifact row refers to. */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const [documents, artifacts] = await Promise.all([
    db.selectFrom('documents').select('blob_key').where('blob_key', 'in', keys).execute(),
    db.selectFrom('artifacts').select('blob_key').where('blob_key', 'in', keys).execute(),
  ]);
  return new Set([...documents, ...artifacts].map((row) => row.blob_key));
}
