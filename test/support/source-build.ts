import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Vitest's global setup: transpiles src/ once per run for the child processes the tests start (the
 * server, the CLI). Run through tsx instead, every child compiles the ~300 modules again: about 2.5
 * CPU-seconds more per server start, 0.4 per CLI call, some 150 CPU-seconds per `npm test`.
 *
 * The transpiler is the one tsx uses (esbuild, one file at a time, no type checks), so the children
 * run the same JavaScript as before. The folder sits beside src/ (`.test-build-<pid>`), one per run,
 * so that the code's own relative paths (`../package.json`, `../../dist/web`) resolve as they do from
 * dist/, and two runs in one checkout never rewrite each other's files.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PREFIX = '.test-build-';

export async function setup(): Promise<() => void> {
  removeFoldersOfEndedRuns();
  const outdir = join(ROOT, `${PREFIX}${process.pid}`);
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => join(ROOT, 'src', file));
  await build({ entryPoints: sources, outdir, outbase: join(ROOT, 'src'), format: 'esm', platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' });
  // Every test file's process inherits it; test/support/countersign-command.ts reads it.
  process.env.COUNTERSIGN_TEST_BUILD = outdir;
  return () => rmSync(outdir, { recursive: true, force: true });
}

/** A run that was killed never tore down: its folder goes once its process is gone. */
function removeFoldersOfEndedRuns(): void {
  for (const name of readdirSync(ROOT).filter((entry) => entry.startsWith(PREFIX))) {
    const pid = Number(name.slice(PREFIX.length));
    if (Number.isInteger(pid) && !isRunning(pid)) rmSync(join(ROOT, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
