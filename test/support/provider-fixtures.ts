import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Seed examples shared by an adapter's tests and its sandbox's tests: one folder per provider under
 * test/fixtures/providers/ (each with a README naming the seed section of every file), so both sides
 * are checked against the same copy of the provider's documentation.
 */
const root = resolve(import.meta.dirname, '../fixtures/providers');

export function providerFixtureText(provider: 'autenti', name: string): string {
  return readFileSync(resolve(root, provider, name), 'utf8');
}

export function providerFixtureJson<T = Record<string, unknown>>(provider: 'autenti', name: string): T {
  return JSON.parse(providerFixtureText(provider, name)) as T;
}
