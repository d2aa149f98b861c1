import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Artifact } from '../api-client/types.js';
import { CliError, type CountersignClient } from './client.js';

export interface DownloadedFile {
  artifactId: string;
  kind: string;
  path: string;
  size: number;
  sha256: string;
}

/**
 * A provider's filename as a plain name inside the chosen folder: no directories (`../x`, `C:\x`),
 * no control characters, never empty, `.` or `..`.
 */
export function safeFilename(name: string, fallback: string): string {
  const plain = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return plain === '' || plain === '.' || plain === '..' ? fallback : plain;
}

/** Where each artifact goes; two artifacts with one name (a signed file and its proof, say) get the artifact id added. */
export function plannedPaths(artifacts: Artifact[], folder: string): Map<string, string> {
  const names = artifacts.map((artifact) => safeFilename(artifact.filename, artifact.id));
  const paths = new Map<string, string>();
  artifacts.forEach((artifact, index) => {
    let name = names[index]!;
    if (names.filter((other) => other.toLowerCase() === name.toLowerCase()).length > 1) {
      const extension = extname(name);
      name = `${name.slice(0, name.length - extension.length)}-${artifact.id}${extension}`;
    }
    paths.set(artifact.id, join(folder, name));
  });
  return paths;
}

/**
 * Streams each artifact's content to its file: the response body is piped to disk, never held
 * whole, and hashed on the way so that a file that differs from what the server stored is refused.
 * Every target is checked before the first byte is written, so a refusal leaves nothing half done.
 */
export async function downloadArtifacts(
  client: CountersignClient,
  envelopeId: string,
  artifacts: Artifact[],
  options: { folder: string; force: boolean },
): Promise<DownloadedFile[]> {
  const paths = plannedPaths(artifacts, options.folder);
  const existing = [...paths.values()].filter((path) => existsSync(path));
  if (existing.length > 0 && !options.force) {
    throw new CliError(`Not overwriting ${existing.join(', ')}. Pass --force to replace ${existing.length === 1 ? 'it' : 'them'}, or choose another folder with --out.`);
  }
  await mkdir(options.folder, { recursive: true });

  const written: DownloadedFile[] = [];
  for (const artifact of artifacts) {
    const path = paths.get(artifact.id)!;
    const response = await client.download('/api/v1/envelopes/{envelopeId}/artifacts/{artifactId}/content', {
      params: { path: { envelopeId, artifactId: artifact.id } },
    });
    const { size, sha256 } = await writeVerified(response, path, {
      force: options.force,
      what: `${artifact.filename} (${artifact.id})`,
      expectedSha256: artifact.sha256,
      ifExists: 'it appeared meanwhile; not overwriting it (pass --force)',
    });
    written.push({ artifactId: artifact.id, kind: artifact.kind, path, size, sha256 });
  }
  return written;
}

/**
 * Streams a download to `path`, hashing it on the way; a file that arrives different from what the
 * server stored (`expectedSha256`) is removed. Never overwrites without `force`; a failed write leaves
 * no partial file.
 */
export async function writeVerified(
  response: Response,
  path: string,
  options: { force: boolean; what: string; expectedSha256: string | null; ifExists: string },
): Promise<{ size: number; sha256: string }> {
  if (!response.body) throw new CliError(`The server sent no content for ${options.what}.`);
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(path, { flags: options.force ? 'w' : 'wx' }),
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') await rm(path, { force: true });
    throw new CliError(`Cannot write ${path}: ${code === 'EEXIST' ? options.ifExists : (error as Error).message}.`);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== options.expectedSha256) {
    await rm(path, { force: true });
    throw new CliError(`${options.what} arrived different from what the server stored (sha256 ${sha256}, expected ${options.expectedSha256}); removed it. Try again.`);
  }
  return { size, sha256 };
}
