import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { countersignArgs } from './countersign-command.js';
import type { ServerProcess } from './server.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `countersign …` from source, as `npx countersign …` would, against a test server. stdin is a
 * pipe, not a terminal, so the CLI never prompts.
 */
export function cliRunner(server: Pick<ServerProcess, 'url' | 'apiKey'>) {
  return (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
    new Promise((resolveRun) => {
      const child = spawn(process.execPath, countersignArgs(...args), {
        cwd: ROOT,
        env: { ...process.env, COUNTERSIGN_URL: server.url, COUNTERSIGN_API_KEY: server.apiKey, ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdin.end();
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolveRun({ code, stdout, stderr }));
    });
}

/** Calls `probe` until `done` says yes, or fails after the deadline with the last value seen. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms; last seen ${JSON.stringify(value)}`);
    await new Promise((resolveTick) => setTimeout(resolveTick, 200));
  }
}
