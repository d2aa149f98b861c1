import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BACKEND_INDEPENDENT_FOLDERS } from '../postgres/backend-independent.js';

/**
 * The PostgreSQL run leaves out the folders in BACKEND_INDEPENDENT_FOLDERS. That is only sound while
 * none of their tests can reach Countersign's database: this walks every import of each test, static
 * and `import()`, through src/ and test/, and fails when one reaches a module that opens it.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The modules through which a test opens Countersign's database or starts a server on it. */
const OPENS_THE_DATABASE = ['src/store/database.ts', 'src/store/postgres.ts', 'src/installation.ts', 'test/support/postgres.ts', 'test/support/server.ts'];

/** Every relative specifier a module loads, `import type` aside (erased by the build). */
const IMPORT = /(?:(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?|import\(\s*)['"](\.[^'"]+)['"]/g;

function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const name = relative(root, file);
    if (seen.has(name)) return;
    seen.add(name);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (match[1] === undefined) visit(resolve(dirname(file), match[2]!.replace(/\.js$/, '.ts')));
    }
  };
  visit(join(root, entry));
  return seen;
}

function testsIn(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.test.ts'))
    .map((path) => join(folder, path));
}

describe('the tests the PostgreSQL run leaves out', () => {
  const tests = BACKEND_INDEPENDENT_FOLDERS.flatMap(testsIn);

  it('are many (the folders exist)', () => {
    expect(tests.length).toBeGreaterThan(50);
  });

  it('never reach a module that opens Countersign’s database', () => {
    const reaching = tests.filter((test) => {
      const modules = reached(test);
      return OPENS_THE_DATABASE.some((module) => modules.has(module));
    });
    expect(reaching).toEqual([]);
  });

  it('would be caught if they did (the walk follows imports into test/support and src)', () => {
    expect(reached('test/e2e/envelopes.test.ts').has('test/support/server.ts')).toBe(true);
    expect(reached('src/store/envelopes.test.ts')).toContain('src/store/database.ts');
  });
});
