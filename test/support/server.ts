import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { countersignArgs } from './countersign-command.js';
import { postgresEnvironmentFor, TEST_DATABASE_SERVER } from './postgres.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  apiKey: string;
  dataDir: string;
  pid: number;
  /** Everything the process printed on stdout so far: the structured (JSON) log. */
  output(): string;
  /**
   * Everything it printed on stderr: with stdout not a terminal, the lines for the person who started
   * it (the URL, a new admin key) go there, never into the log.
   */
  terminal(): string;
  /** Waits (with a deadline) until a stdout line matches; the request log is written after the response. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
  /** The exit code once the process has ended (null while it runs or when a signal ended it). */
  exitCode(): number | null;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function temporaryDataDir(): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'countersign-test-'));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export function randomApiKey(): string {
  return `test-key-${randomBytes(18).toString('hex')}`;
}

/**
 * How long a start may take before it counts as hung. It catches a start that never ends, not a slow
 * one: on a loaded 2-core CI machine (the browser and office suites with the cluster test and the chaos
 * soaks beside them, each starting servers) a start printed nothing at all for 30 s, where it takes
 * about a second alone. The suites' test and hook timeouts are longer, so that this error, with the
 * server's output, is the one reported.
 */
export const SERVER_START_TIMEOUT_MS = 90_000;

/**
 * Starts the real server (`countersign start`, from source: test/support/countersign-command.ts) in a child process on a free
 * port, the way a user would, and waits for the line that says where it listens.
 */
export async function startServer(options: { dataDir: string; env?: Record<string, string | undefined>; apiKey?: string | null; startTimeoutMs?: number }): Promise<ServerProcess> {
  const apiKey = options.apiKey === undefined ? randomApiKey() : options.apiKey;
  // The PostgreSQL run (test/support/postgres.ts): a database per data folder, unless the test chose one.
  const onPostgres = TEST_DATABASE_SERVER && options.env?.COUNTERSIGN_DATABASE_URL === undefined ? await postgresEnvironmentFor(options.dataDir) : {};
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...onPostgres,
    HOST: '127.0.0.1',
    PORT: '0',
    COUNTERSIGN_DATA_DIR: options.dataDir,
    COUNTERSIGN_LOG_LEVEL: 'info',
    COUNTERSIGN_API_KEY: apiKey ?? undefined,
    ...options.env,
  };
  if (apiKey === null) delete env.COUNTERSIGN_API_KEY;
  const child = spawn(process.execPath, countersignArgs('start'), {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    // A server that misses the deadline is stopped: left running, it could take its port later.
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${stdout}\n${stderr}`));
    }, options.startTimeoutMs ?? SERVER_START_TIMEOUT_MS);
    const onData = () => {
      const match = /is running at (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(deadline);
        child.stderr!.off('data', onData);
        resolveUrl(match[1]!);
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`server exited with ${code} before listening:\n${stdout}\n${stderr}`));
    });
  });

  const bootstrapKey = /shown only this once[^\n]*\n\s+(csk_\S+)/.exec(stderr)?.[1];
  return {
    url,
    apiKey: apiKey ?? bootstrapKey ?? '',
    dataDir: options.dataDir,
    pid: child.pid!,
    output: () => stdout,
    terminal: () => stderr,
    async waitForLine(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = stdout.split('\n').findLast(predicate);
        if (line !== undefined) return line;
        if (Date.now() > deadline) throw new Error(`no matching output line in ${timeoutMs} ms:\n${stdout}`);
        await new Promise((resolveTick) => setTimeout(resolveTick, 20));
      }
    },
    stop: () => terminate(child, 'SIGTERM'),
    exitCode: () => child.exitCode,
    kill: (signal) => terminate(child, signal),
  };
}

function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.kill(signal);
  });
}
