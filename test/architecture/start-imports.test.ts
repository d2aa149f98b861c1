import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What `countersign start` loads before anyone asks it for anything (issue 12: idle memory). An idle
 * server with sandboxes off needs none of the provider adapters, the sandboxes, the PDF libraries,
 * typebox/value, jose or undici: each is imported with `import()` (or required) where it is first used
 * (docs/operations.md "Memory"). This walks the static imports from the command's entry point and
 * the composition root, and fails when one of them comes back through an `import … from`.
 */

const root = fileURLToPath(new URL('../../src', import.meta.url));

/**
 * The specifiers a module loads when it is loaded: every `import`/`export … from` and bare `import '…'`
 * but `import type` and `export type`, which the build erases (verbatimModuleSyntax keeps the others,
 * even `import { type A }`). `import()` is not matched: it loads when it runs.
 */
const STATIC_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

function loadedBy(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(STATIC_IMPORT)].filter((match) => match[1] === undefined).map((match) => match[2]!);
}

/** The source files (relative to src/) and the packages reached from the `entries`. */
function reachedFrom(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const name = relative(root, file);
    if (files.has(name)) return;
    files.add(name);
    for (const specifier of loadedBy(file)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  };
  for (const entry of entries) visit(resolve(root, entry));
  return { files, packages };
}

describe('what the server loads at start', () => {
  // The command, and the composition root its `start` imports when it runs.
  const { files, packages } = reachedFrom(['cli/main.ts', 'main.ts']);

  it('reaches the server and the provider registry (the walk follows imports)', () => {
    expect(files).toContain('api/server.ts');
    expect(files).toContain('providers/index.ts');
    expect(files).toContain('providers/autenti/descriptor.ts');
    expect(packages).toContain('fastify');
  });

  it('leaves out the provider adapters and the sandboxes', () => {
    const adapters = [...files].filter((file) => /^providers\/[^/]+\/index\.ts$/.test(file) || file === 'providers/http.ts');
    expect(adapters).toEqual([]);
    expect([...files].filter((file) => file.startsWith('sandbox/'))).toEqual([]);
  });

  it('leaves out the packages only a connection, an upload check, a sandbox or PostgreSQL needs', () => {
    const heavy = ['undici', 'jose', 'typebox/value', 'typebox/compile', 'pdf-lib', 'pdfjs-dist', 'node-forge', 'pg', 'pg-boss'];
    expect(heavy.filter((name) => packages.has(name))).toEqual([]);
  });
});
