/**
 * One transition table, and what the app asks of it: may this status move there in one step, is a
 * status final, and which steps lead from the current status to the one a provider reported. The
 * envelope and the participant machines (envelope-status.ts, participant-status.ts) are both made
 * with it, so the path-finding rule exists once.
 */
export interface StatusMachine<S extends string> {
  /** The table this machine reads: for each status, the statuses one step away. */
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  /** Whether the table allows going from `from` to `to` in one step. */
  canMove(from: S, to: S): boolean;
  /** Whether nothing leaves the status. */
  isFinal(status: S): boolean;
  /**
   * The statuses to step through, in order, to go from `current` to `reported`; each step is an
   * allowed transition, so a history records every one. `[]` when `reported` is `current` or cannot
   * be reached. With a rank, only steps that keep or raise it are followed: a report never takes
   * a status back to one only a person's edit may return to.
   */
  pathTowards(current: S, reported: S): S[];
}

/**
 * A machine over `transitions`. `rank` (optional) orders statuses by how far along they are; a path
 * never takes a step down it. Without a rank, every edge of the table may be followed.
 */
export function defineStatusMachine<S extends string>(
  transitions: Readonly<Record<S, readonly S[]>>,
  options: { rank?: Readonly<Record<S, number>> } = {},
): StatusMachine<S> {
  const { rank } = options;
  const forward = (from: S, to: S) => rank === undefined || rank[to] >= rank[from];
  return {
    transitions,
    canMove: (from, to) => transitions[from].includes(to),
    isFinal: (status) => transitions[status].length === 0,
    pathTowards(current, reported) {
      if (current === reported) return [];
      // Breadth-first, so the path is the shortest one and follows the table's order on ties.
      const cameFrom = new Map<S, S>();
      const queue: S[] = [current];
      for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
        for (const next of transitions[status]) {
          if (next === current || cameFrom.has(next) || !forward(status, next)) continue;
          cameFrom.set(next, status);
          if (next === reported) {
            const path: S[] = [];
            for (let step = reported; step !== current; step = cameFrom.get(step)!) path.unshift(step);
            return path;
          }
          queue.push(next);
        }
      }
      return [];
    },
  };
}
