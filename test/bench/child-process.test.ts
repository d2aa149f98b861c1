import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuMs, machineCpu, mainThreadCpuMs, ownCpuMs } from '../../bench/child-process.js';

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

  it.runIf(existsSync('/proc/self/stat'))("reads a process's main thread apart from its other threads, and the machine's CPU as a whole", () => {
    const readAt = { mainThread: mainThreadCpuMs(process.pid), own: ownCpuMs(), machine: machineCpu() };
    let spin = 0;
    while (ownCpuMs() - readAt.own < 200) spin += Math.sqrt(spin + 1);
    const used = { mainThread: mainThreadCpuMs(process.pid) - readAt.mainThread, own: ownCpuMs() - readAt.own };
    const machine = machineCpu();
    expect(spin).toBeGreaterThan(0);
    // The spin ran on this (the main) thread: nearly all of the process's time is the main thread's.
    expect(used.mainThread).toBeGreaterThanOrEqual(used.own - 40);
    expect(used.mainThread).toBeLessThanOrEqual(used.own + 20);
    // The machine was busy at least while this thread spun (in ticks of 10 ms), and never more than all its time.
    expect(machine.busy - readAt.machine.busy).toBeGreaterThanOrEqual(15);
    expect(machine.all - readAt.machine.all).toBeGreaterThanOrEqual(machine.busy - readAt.machine.busy);
  });

  it('reads 0 for a process that is not there (or off Linux)', () => {
    expect(cpuMs(2 ** 31 - 1)).toBe(0);
    expect(mainThreadCpuMs(2 ** 31 - 1)).toBe(0);
  });
});
