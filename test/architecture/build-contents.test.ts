import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** What `npm run build` compiles into dist/: what `npm start` runs, and nothing that only tests use. */
describe('the build (tsconfig.json)', () => {
  it('compiles no test, test-only module (test-*.ts) or conformance file, even one that production code imports', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const config = ts.getParsedCommandLineOfConfigFile(`${root}/tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, noEmit: true } });
    const compiled = program
      .getSourceFiles()
      .map((file) => relative(root, file.fileName))
      .filter((path) => path.startsWith('src/'));
    expect(compiled.length).toBeGreaterThan(50);
    // Test-only modules beside the code are named test-*.ts (test-helpers.ts, test-pdfs.ts, test-reference-schemas.ts).
    expect(compiled.filter((path) => /\.test\.ts$|\/test-[^/]*\.ts$|\/conformance\/|^src\/testing\//.test(path))).toEqual([]);
  });
});
