import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuMs, ownCpuMs } from '../../bench/child-process.js';

describe('the CPU time the bench reads of a process', () => {
  // /proc is Linux's: elsewhere cpuMs reads 0 (the second test), and this has nothing to compare.
  it.runIf(existsSync('/proc/self/stat'))('reads /proc/<pid>/stat as the process itself counts its CPU time', () => {
    const readAt = { proc: cpuMs(process.pid), own: ownCpuMs() };
    // Work until the process itself counts 200 ms more CPU time (not wall time: a busy machine may
    // give it less of a core).
    let spin = 0;
    while (ownCpuMs() - readAt.own < 200) spin += Math.sqrt(spin + 1);
    const used = { proc: cpuMs(process.pid) - readAt.proc, own: ownCpuMs() - readAt.own };
    expect(spin).toBeGreaterThan(0);
    // /proc counts in ticks of 10 ms, truncated at each end; other threads of this process (Vitest's) add a little.
    expect(used.proc).toBeGreaterThanOrEqual(used.own - 20);
    expect(used.proc).toBeLessThan(used.own + 200);
  });

  it('reads 0 for a process that is not there (or off Linux)', () => {
    expect(cpuMs(2 ** 31 - 1)).toBe(0);
  });
});
