import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository's root, where the bench's children run, so that `--import tsx` resolves wherever the bench started. */
export const ROOT = resolve(import.meta.dirname, '..');

export interface RunningChild {
  url: string;
  pid: number;
  /** SIGTERM, resolved once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Runs `node <args>` from the repository root (a sandbox, the hello-world) and resolves once its
 * output, stdout or stderr, matches `ready`, whose first group is the URL it listens at.
 */
export async function startChild(args: string[], ready: RegExp, what: string, timeoutMs = 60_000): Promise<RunningChild> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolveUrl(found[1]!);
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolveExit) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
        child.once('exit', () => resolveExit());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU time (user and system, every thread) a process has used so far, in ms, from Linux's /proc; 0
 * elsewhere: where a measurement's time went, among the processes that share the machine.
 */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/**
 * The same for the process's main thread alone (its event loop, which JavaScript cannot spread over
 * more cores): against the time passed, how near a Node.js process is to what it can do at all.
 */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

/**
 * The whole machine's CPU time so far, busy and in all (every core, in clock ticks), from the first
 * line of Linux's /proc/stat; zeros elsewhere. Between two readings, busy over all is how near the
 * machine was to using every core.
 */
export function machineCpu(): { busy: number; all: number } {
  if (!existsSync('/proc/stat')) return { busy: 0, all: 0 };
  // cpu  user nice system idle iowait irq softirq steal …
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const all = ticks.reduce((sum, value) => sum + value, 0);
  return { busy: all - ticks[3]! - ticks[4]!, all };
}

function statCpuMs(path: string): number {
  if (!existsSync(path)) return 0;
  // utime and stime, fields 14 and 15 in clock ticks (100 a second), counted after the command name's
  // closing parenthesis: the last one, since the name may hold one too.
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The same for the bench's own process (its load generator, its clients). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
