import { describe, expect, it } from 'vitest';
import { defineStatusMachine } from './status-machine.js';

type Light = 'red' | 'green' | 'amber' | 'off';

// A small table of its own, so these tests say what the helper does, not what the envelope table holds.
const TABLE: Record<Light, readonly Light[]> = {
  red: ['green', 'off'],
  green: ['amber', 'off'],
  amber: ['red', 'off'],
  off: [],
};

describe('defineStatusMachine', () => {
  const machine = defineStatusMachine(TABLE);

  it('allows exactly the edges of the table', () => {
    expect(machine.canMove('red', 'green')).toBe(true);
    expect(machine.canMove('red', 'amber')).toBe(false);
    expect(machine.canMove('red', 'red')).toBe(false);
  });

  it('calls a status without exits final', () => {
    expect(machine.isFinal('off')).toBe(true);
    expect(machine.isFinal('amber')).toBe(false);
  });

  it('finds the shortest path, preferring the table order on ties', () => {
    expect(machine.pathTowards('red', 'amber')).toEqual(['green', 'amber']);
    expect(machine.pathTowards('red', 'off')).toEqual(['off']);
    expect(machine.pathTowards('green', 'red')).toEqual(['amber', 'red']);
  });

  it('returns no steps for the current status or an unreachable one', () => {
    expect(machine.pathTowards('red', 'red')).toEqual([]);
    expect(machine.pathTowards('off', 'red')).toEqual([]);
  });

  it('with a rank, never takes a step down it', () => {
    const ranked = defineStatusMachine(TABLE, { rank: { red: 0, green: 1, amber: 2, off: 3 } });
    // amber → red goes down, so red cannot be reached from green any more.
    expect(ranked.pathTowards('green', 'red')).toEqual([]);
    expect(ranked.pathTowards('red', 'amber')).toEqual(['green', 'amber']);
    // The edge itself stays allowed for a deliberate move.
    expect(ranked.canMove('amber', 'red')).toBe(true);
  });
});
