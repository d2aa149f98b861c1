import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * domain/ is the pure model: no I/O, no clock, no randomness (they are passed in), and no import
 * beyond domain/ itself, so that every rule in it can be tested with plain values.
 */
const folder = new URL('../../src/domain/', import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe('src/domain/', () => {
  it.each(files)('%s imports only domain/ and reads no clock or randomness', (name) => {
    const text = readFileSync(new URL(name, folder), 'utf8');
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]!);
    expect(specifiers.filter((specifier) => !/^\.\/[\w-]+\.js$/.test(specifier))).toEqual([]);
    expect(text.match(/Date\.now\(|new Date\(\)|Math\.random\(|\bcrypto\.|\bprocess\./g) ?? []).toEqual([]);
  });
});
