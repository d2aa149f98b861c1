import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * SHA-256 hex of a stored file, read as a stream: the sandboxes' control views show it, so that a test
 * can check the signed files Countersign archived are the provider's, byte for byte.
 */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
