import { describe, expect, it } from 'vitest';
import { type BenchRow, formatTable, isRegression, meetsGoal, referenceOf, worseOf } from '../../bench/table.js';

const row = (measured: number, goal: number, better: BenchRow['better']): BenchRow => ({ area: 'api', figure: 'a figure', measured, unit: '×', goal, better });

describe('the bench table', () => {
  it('meets a goal at or past it, in the direction that is better', () => {
    expect(meetsGoal(row(0.8, 0.8, 'higher'))).toBe(true);
    expect(meetsGoal(row(0.79, 0.8, 'higher'))).toBe(false);
    expect(meetsGoal(row(2, 2, 'lower'))).toBe(true);
    expect(meetsGoal(row(2.1, 2, 'lower'))).toBe(false);
  });

  it('calls a regression (what fails the smoke run in CI) only a figure worse than its goal by more than 2×', () => {
    expect(isRegression(row(0.4, 0.8, 'higher'))).toBe(false);
    expect(isRegression(row(0.39, 0.8, 'higher'))).toBe(true);
    expect(isRegression(row(4, 2, 'lower'))).toBe(false);
    expect(isRegression(row(4.1, 2, 'lower'))).toBe(true);
    // A goal of none (0 × 429): any at all.
    expect(isRegression(row(1, 0, 'lower'))).toBe(true);
    // An area that could not run.
    expect(isRegression(row(Number.NaN, 1, 'higher'))).toBe(true);
    // A figure the smoke run does not gate, however far off.
    expect(isRegression({ ...row(500, 2, 'lower'), smokeGate: false })).toBe(false);
  });

  it('holds a figure not yet at its goal to the figure recorded for the code, never to more than the goal', () => {
    expect(referenceOf(row(0.3, 0.8, 'higher'), { figure: 0.45 })).toBe(0.45);
    expect(referenceOf(row(0.9, 0.8, 'higher'), { figure: 1.2 })).toBe(0.8);
    expect(referenceOf(row(40, 2, 'lower'), { figure: 55 })).toBe(55);
    expect(referenceOf(row(1, 2, 'lower'), { figure: 1.5 })).toBe(2);
    expect(isRegression(row(0.3, 0.8, 'higher'), { figure: 0.45 })).toBe(false);
    expect(isRegression(row(0.2, 0.8, 'higher'), { figure: 0.45 })).toBe(true);
    expect(isRegression(row(100, 2, 'lower'), { figure: 55 })).toBe(false);
    expect(isRegression(row(111, 2, 'lower'), { figure: 55 })).toBe(true);
  });

  it('lowers the reference of a figure in proportion when the machine baseline of this run is slower than the recorded one, never raises it', () => {
    const held = (measured: number, machine: number): BenchRow => ({ ...row(measured, 500, 'higher'), unit: 'req/s', machine });
    // Recorded 684 req/s beside a bare Fastify's 9000; this machine's Fastify serves 3000: a third as fast.
    expect(referenceOf(held(209, 3000), { figure: 684, machine: 9000 })).toBeCloseTo(500 / 3);
    expect(isRegression(held(209, 3000), { figure: 684, machine: 9000 })).toBe(false);
    expect(isRegression(held(209, 9000), { figure: 684, machine: 9000 })).toBe(true);
    // A faster machine is held to the goal, not to more.
    expect(referenceOf(held(900, 18000), { figure: 684, machine: 9000 })).toBe(500);
    // A figure that is better lower (seconds) gets more room on a slower machine.
    expect(referenceOf({ ...row(2, 3, 'lower'), unit: 's', machine: 50 }, { figure: 1, machine: 100 })).toBe(6);
    // No machine baseline recorded yet: the plain reference.
    expect(referenceOf(held(209, 3000), { figure: 684 })).toBe(500);
  });

  it('records the worse of a new figure and the recorded one, with the machine baseline of its run', () => {
    expect(worseOf({ ...row(0.6, 0.8, 'higher'), machine: 10 }, { figure: 0.67, machine: 12 })).toEqual({ figure: 0.6, machine: 10 });
    expect(worseOf({ ...row(0.7, 0.8, 'higher'), machine: 10 }, { figure: 0.67, machine: 12 })).toEqual({ figure: 0.67, machine: 12 });
    expect(worseOf(row(28, 2, 'lower'), { figure: 1.8 })).toEqual({ figure: 28, machine: undefined });
    expect(worseOf(row(3, 2, 'lower'))).toEqual({ figure: 3, machine: undefined });
  });

  it('prints one Markdown row per figure with the goal beside it', () => {
    const table = formatTable([{ ...row(0.83, 0.8, 'higher'), area: 'send', figure: 'send throughput vs raw client', detail: '29.0 vs 35.0 envelopes/s' }, { ...row(3, 2, 'lower'), unit: 'calls' }], { smoke: true });
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^\| area +\| figure +\| measured +\| goal +\| ok +\|$/);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('| 0.83× (29.0 vs 35.0 envelopes/s) |');
    expect(lines[2]).toContain('| ≥ 0.80× ');
    expect(lines[2]).toMatch(/\| yes +\|$/);
    expect(lines[3]).toContain('| 3 calls ');
    expect(lines[3]).toContain('| no (within 2×) |');
  });
});
