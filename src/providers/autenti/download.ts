import { ProviderError } from '../errors.js';
import type { ProviderFile } from '../provider.js';
import type { AutentiClient } from './client.js';
import { unexpectedShape } from './schemas.js';
import type { AutentiFile } from './types.js';

/**
 * The signed files of a process, from its `contentElements` (seed 003 "Content") or `files` (live), each streamed from
 * `GET …/files/{fileId}/content` on `open()` ("Retrieving files and files' metadata").
 *
 * Reading (docs/providers.md U7): the seed shows only `SOURCE_FILE` and
 * `PARTIALLY_SIGNED_CONTENT_FILE` (an in-progress process). Signed files are those whose purpose is
 * `SIGNED_CONTENT_FILE`. Only when the process is COMPLETED and Autenti lists no such file, the
 * latest `PARTIALLY_SIGNED_CONTENT_FILE` of each file name stands in for it (by `version`, then
 * `modificationTime`): once every party has signed, the last partially signed file carries every
 * signature. Before completion nothing is returned as signed: `conflict` ("not signed yet").
 */
export function selectSignedFiles(status: string | undefined, files: readonly AutentiFile[]): AutentiFile[] {
  const signed = files.filter((file) => file.filePurpose === 'SIGNED_CONTENT_FILE');
  if (signed.length > 0 || status !== 'COMPLETED') return signed;
  const latest = new Map<string, AutentiFile>();
  for (const file of files) {
    if (file.filePurpose !== 'PARTIALLY_SIGNED_CONTENT_FILE') continue;
    const key = file.filename ?? file.id;
    const current = latest.get(key);
    if (current === undefined || isLater(file, current)) latest.set(key, file);
  }
  return [...latest.values()];
}

function isLater(candidate: AutentiFile, current: AutentiFile): boolean {
  const version = (file: AutentiFile) => (file.version === undefined ? Number.NaN : Number(file.version));
  if (!Number.isNaN(version(candidate)) && !Number.isNaN(version(current)) && version(candidate) !== version(current)) {
    return version(candidate) > version(current);
  }
  return Date.parse(candidate.modificationTime ?? '') > Date.parse(current.modificationTime ?? '');
}

export async function* downloadSigned(client: AutentiClient, processId: string): AsyncGenerator<ProviderFile> {
  const process = await client.getProcess(processId);
  if (process.files === undefined) {
    // Neither `files` nor `contentElements`: reading "no signed file" into that would be a guess.
    throw unexpectedShape(`reading document process ${processId}`, 'it listed no files at all (neither files nor contentElements)', 'the process\'s files in `files` or `contentElements`');
  }
  const files = selectSignedFiles(process.status, process.files);
  if (files.length === 0) {
    throw new ProviderError({
      kind: 'conflict',
      provider: 'autenti',
      message: `Autenti has no signed file for document process ${processId} yet (status ${process.status ?? 'unknown'}); download it once every participant has signed.`,
    });
  }
  for (const file of files) {
    yield {
      filename: file.filename ?? `${file.id}.pdf`,
      mediaType: file.mimeType ?? 'application/pdf',
      open: () => client.openFileContent(processId, file.id),
    };
  }
}
