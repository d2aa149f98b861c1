import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadMasterKey, parseMasterKey } from './secrets.js';

describe('secret box', () => {
  const box = createSecretBox(Buffer.alloc(32, 7));

  it('seals and opens, never leaving the plaintext visible', () => {
    const sealed = box.seal('client-secret-123', 'con_1');
    expect(sealed).not.toContain('client-secret-123');
    expect(sealed).toMatch(/^v1\./);
    expect(box.open(sealed, 'con_1')).toBe('client-secret-123');
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses a value sealed for another context, tampered with, or with another key', () => {
    const sealed = box.seal('secret', 'con_1');
    expect(() => box.open(sealed, 'con_2')).toThrow(/cannot be decrypted/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => box.open(parts.join('.'), 'con_1')).toThrow(/cannot be decrypted/);
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed, 'con_1')).toThrow(/master key differs/);
  });
});

describe('master key', () => {
  it('creates a key file once, mode 0600, and reads the same key later', () => {
    const folder = mkdtempSync(join(tmpdir(), 'countersign-key-'));
    try {
      const keyFile = join(folder, 'data', 'master.key');
      const first = loadMasterKey({ fromEnvironment: undefined, keyFile });
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(loadMasterKey({ fromEnvironment: undefined, keyFile }).equals(first)).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('accepts hex or base64 from the environment and refuses anything else', () => {
    expect(parseMasterKey('ab'.repeat(32))).toHaveLength(32);
    expect(parseMasterKey(Buffer.alloc(32, 1).toString('base64'))).toHaveLength(32);
    expect(() => parseMasterKey('too-short')).toThrow(/COUNTERSIGN_MASTER_KEY must be 32 random bytes/);
  });
});
