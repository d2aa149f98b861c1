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
    expect(referenceOf(row(0.3, 0.8, 'higher'), 0.45)).toBe(0.45);
    expect(referenceOf(row(0.9, 0.8, 'higher'), 1.2)).toBe(0.8);
    expect(referenceOf(row(40, 2, 'lower'), 55)).toBe(55);
    expect(referenceOf(row(1, 2, 'lower'), 1.5)).toBe(2);
    expect(isRegression(row(0.3, 0.8, 'higher'), 0.45)).toBe(false);
    expect(isRegression(row(0.2, 0.8, 'higher'), 0.45)).toBe(true);
    expect(isRegression(row(100, 2, 'lower'), 55)).toBe(false);
    expect(isRegression(row(111, 2, 'lower'), 55)).toBe(true);
  });

  it('records the worse of a new figure and the recorded one', () => {
    expect(worseOf(row(0.6, 0.8, 'higher'), 0.67)).toBe(0.6);
    expect(worseOf(row(0.7, 0.8, 'higher'), 0.67)).toBe(0.67);
    expect(worseOf(row(28, 2, 'lower'), 1.8)).toBe(28);
    expect(worseOf(row(3, 2, 'lower'))).toBe(3);
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
