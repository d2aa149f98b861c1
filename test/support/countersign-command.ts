import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The arguments that run `countersign …` from this checkout's source in a child process, after
 * `process.execPath`: the run's transpiled copy when Vitest's global setup made one
 * (test/support/source-build.ts), otherwise the source through tsx (the benchmarks, a script).
 */
export function countersignArgs(...args: string[]): string[] {
  const built = process.env.COUNTERSIGN_TEST_BUILD;
  if (built) return ['--enable-source-maps', join(built, 'cli/main.js'), ...args];
  return ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args];
}
