/**
 * The server as `npm start` runs it: `node [its options] dist/cli/main.js start`, from the build, not
 * through tsx as the tests start it (test/support/server.ts). The figures are then an installation's:
 * tsx's compiler and source maps cost some 60 MB and slow the start. The build is brought up to date
 * first.
 */
import { execFile, spawn } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { postgresEnvironmentFor, TEST_DATABASE_SERVER } from '../test/support/postgres.js';
import { randomApiKey } from '../test/support/server.js';
import { startScriptOptions } from '../test/support/start-script.js';

export interface BuiltServer {
  url: string;
  apiKey: string;
  pid: number;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '..');

/** The newest modification time of the .ts files under `folder`. */
function newestSource(folder: string): number {
  return Math.max(
    0,
    ...readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => statSync(join(folder, name)).mtimeMs),
  );
}

/**
 * Compiles src/ into dist/ (the server half of `npm run build`) when a source is newer than the last
 * build. Asynchronously: the areas running beside this one (Connective) keep talking to their servers.
 */
export async function ensureBuilt(log: (line: string) => void): Promise<void> {
  const buildInfo = join(ROOT, 'dist/.tsbuildinfo');
  let built = 0;
  try {
    built = statSync(buildInfo).mtimeMs;
  } catch {
    // Never built.
  }
  if (built >= newestSource(join(ROOT, 'src'))) return;
  log('dist/ is older than src/: compiling the server (tsc) first');
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', buildInfo], { cwd: ROOT });
  } catch (error) {
    // tsc prints its errors on stdout.
    throw new Error(`compiling src/ failed (npm run build says more):\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
  // tsc leaves the file alone when nothing needed compiling: dated now, the next run need not ask again.
  const now = new Date();
  utimesSync(buildInfo, now, now);
}

/**
 * `npm start`'s command, with its Node.js options, on a free port, as test/support/server.ts starts
 * the source; in the PostgreSQL run (`npm run bench -- --postgres`) on a database of its own, as the
 * tests' servers.
 */
export async function startBuiltServer(dataDir: string, env: Record<string, string>): Promise<BuiltServer> {
  const apiKey = randomApiKey();
  const onPostgres = TEST_DATABASE_SERVER ? await postgresEnvironmentFor(dataDir) : {};
  const child = spawn(process.execPath, [...startScriptOptions(), join(ROOT, 'dist/cli/main.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', COUNTERSIGN_DATA_DIR: dataDir, COUNTERSIGN_API_KEY: apiKey, ...onPostgres, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const found = /is running at (http:\/\/\S+)/.exec(stderr);
      if (found) resolveUrl(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    apiKey,
    pid: child.pid!,
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}
