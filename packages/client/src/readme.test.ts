import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const packageReadme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rootReadme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The README's host application: the TypeScript block that starts with its imports. */
function hostExample(readme: string): string {
  const start = readme.indexOf("```ts\nimport { openAsBlob }");
  expect(start, 'the host example is in the README').toBeGreaterThan(-1);
  return readme.slice(start + '```ts\n'.length, readme.indexOf('```', start + 5));
}

const folder = mkdtempSync(join(tmpdir(), 'countersign-client-readme-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the README’s host application', () => {
  it('is the same in the root README', () => {
    expect(hostExample(rootReadme)).toBe(hostExample(packageReadme));
  });

  it('is about 20 lines, imports aside', () => {
    const lines = hostExample(packageReadme).split('\n').filter((line) => line.trim() !== '' && !line.startsWith('import '));
    expect(lines.length).toBeLessThanOrEqual(22);
  });

  it('compiles against the package, strict, as a host’s ES module', () => {
    const file = join(folder, 'host.ts');
    writeFileSync(file, hostExample(packageReadme));
    // Top-level await, as in a host's ES module: a package.json with "type": "module" beside it makes it one.
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }');
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [fileURLToPath(new URL('../../../node_modules/@types', import.meta.url))],
      // `@countersign/client` is this package's source, as an installed copy's declarations would be.
      baseUrl: folder,
      paths: { '@countersign/client': [fileURLToPath(new URL('./index.ts', import.meta.url))] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});
