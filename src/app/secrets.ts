import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CountersignError } from '../domain/errors.js';

/**
 * Encrypts secrets at rest (provider credentials, private keys) with AES-256-GCM. Each value gets a
 * fresh 96-bit nonce; the GCM tag makes tampering or a wrong master key fail loudly instead of
 * returning garbage. Format: `v1.<nonce>.<tag>.<ciphertext>`, base64url parts.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export function createSecretBox(masterKey: Buffer): SecretBox {
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes.');
  return {
    seal(plaintext, context) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey, nonce);
      // The context (e.g. the connection id) is authenticated: a sealed value copied to another row does not open.
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', nonce, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed, context) {
      const [version, nonce, tag, ciphertext] = sealed.split('.');
      if (version !== 'v1' || !nonce || !tag || ciphertext === undefined) throw new Error('Not a sealed secret.');
      const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new CountersignError(
          'CONFIGURATION_INVALID',
          'A stored secret cannot be decrypted: the master key differs from the one it was encrypted with. Restore COUNTERSIGN_MASTER_KEY or the data folder’s master.key.',
        );
      }
    },
  };
}

/**
 * The master key: COUNTERSIGN_MASTER_KEY (32 bytes as base64 or hex) when set, else a key file
 * created once in the data folder, readable by its owner only.
 */
export function loadMasterKey(options: { fromEnvironment: string | undefined; keyFile: string }): Buffer {
  if (options.fromEnvironment !== undefined) return parseMasterKey(options.fromEnvironment);
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(options.keyFile, 0o600);
  return parseMasterKey(readFileSync(options.keyFile, 'utf8').trim());
}

export function parseMasterKey(text: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new CountersignError('CONFIGURATION_INVALID', 'COUNTERSIGN_MASTER_KEY must be 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).');
  }
  return key;
}
