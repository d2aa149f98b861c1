import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * app/ reaches the database through store/'s repositories only: a query written in a use case would
 * be a second place for the same rule (and one more place the PostgreSQL store has to follow).
 */
const folder = new URL('../../src/app/', import.meta.url);
const files = (readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

describe('src/app/', () => {
  it.each(files)('%s writes no query of its own', (name) => {
    const text = readFileSync(new URL(name, folder), 'utf8');
    expect(text.match(/\.(selectFrom|updateTable|insertInto|deleteFrom)\(/g) ?? []).toEqual([]);
  });
});
