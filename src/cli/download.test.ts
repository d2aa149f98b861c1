import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../api-client/types.js';
import { plannedPaths, safeFilename } from './download.js';

const artifact = (id: string, filename: string): Artifact => ({
  id,
  kind: 'signed',
  filename,
  mediaType: 'application/pdf',
  size: 1,
  sha256: '0'.repeat(64),
  documentId: null,
  createdAt: '2026-11-23T10:00:00.000Z',
});

describe('safeFilename', () => {
  it.each([
    ['agreement.pdf', 'agreement.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\evil.pdf', 'evil.pdf'],
    ['/absolute/path.pdf', 'path.pdf'],
    ['line\nbreak.pdf', 'linebreak.pdf'],
    ['..', 'art_1'],
    ['', 'art_1'],
    ['dir/', 'dir'],
  ])('%j becomes %j', (given, expected) => {
    expect(safeFilename(given, 'art_1')).toBe(expected);
  });
});

describe('plannedPaths', () => {
  it('keeps every file inside the folder and tells apart two files of one name', () => {
    const paths = plannedPaths([artifact('art_A', 'contract.pdf'), artifact('art_B', '../contract.pdf'), artifact('art_C', 'audit.pdf')], '/out');
    expect(paths.get('art_A')).toBe(join('/out', 'contract-art_A.pdf'));
    expect(paths.get('art_B')).toBe(join('/out', 'contract-art_B.pdf'));
    expect(paths.get('art_C')).toBe(join('/out', 'audit.pdf'));
  });
});
