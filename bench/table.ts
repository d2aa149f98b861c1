/**
 * The bench contract (issue 12): every area module `bench/<area>.ts` exports
 * `run(options: BenchOptions): Promise<BenchRow[]>`, and `bench/run.ts` prints all rows as one table.
 * The two interfaces are shared by every area's owner: change them only together.
 */

export interface BenchOptions {
  /** The short version for CI: the whole run stays under 2 minutes, figures are rougher. */
  smoke: boolean;
  /**
   * `npm run bench -- --postgres`: the servers run on PostgreSQL, a database each
   * (test/support/postgres.ts), and the queue figure is pg-boss's.
   */
  postgres: boolean;
  /** Progress lines (printed above the table, prefixed with the area by the runner). */
  log: (line: string) => void;
}

export interface BenchRow {
  /** 'send', 'api', 'memory', 'queue', 'sync', 'connective' */
  area: string;
  /** e.g. 'send throughput vs raw client (8 at a time)' */
  figure: string;
  /** The number compared with the goal. */
  measured: number;
  /** '×', 'MB', 'jobs/s', 's', 'calls', 'req/s', '%' */
  unit: string;
  goal: number;
  better: 'higher' | 'lower';
  /** The raw figures behind a ratio, e.g. '29.0 vs 31.2 envelopes/s'. */
  detail?: string;
  /**
   * false: the smoke run prints the figure but does not fail on it, for a figure too noisy in a short
   * run to tell a regression (say why where the row is made). Default true.
   */
  smokeGate?: boolean;
  /**
   * For a figure that follows the machine's speed (req/s, jobs/s): the same run's figure of a baseline
   * that uses no Countersign code (a bare Fastify's held req/s, a hand-written SQLite queue's jobs/s),
   * higher meaning faster. The smoke run records it beside the figure; on a machine slower than the
   * recorded run's it lowers the figure's reference in proportion (referenceOf), so that a slower CI
   * machine is not taken for a regression of the code.
   */
  machine?: number;
}

/** A row meets its goal. */
export function meetsGoal(row: BenchRow): boolean {
  return row.better === 'higher' ? row.measured >= row.goal : row.measured <= row.goal;
}

/** What bench/smoke-baseline.json holds for a row: its figure and its machine baseline (BenchRow.machine). */
export interface Recorded {
  figure?: number;
  machine?: number;
}

/**
 * What a smoke figure is held to: its goal, or, while the goal is not met yet, the figure recorded for
 * the code as it is, whichever is less demanding; lowered in proportion when this run's machine
 * baseline is slower than the recorded one (never raised: a faster machine is held to the same).
 */
export function referenceOf(row: BenchRow, recorded: Recorded = {}): number {
  const { figure, machine } = recorded;
  const reference = figure === undefined || !Number.isFinite(figure) ? row.goal : row.better === 'higher' ? Math.min(row.goal, figure) : Math.max(row.goal, figure);
  const slower = row.machine !== undefined && machine !== undefined && machine > 0 ? Math.min(1, row.machine / machine) : 1;
  return row.better === 'higher' ? reference * slower : reference / slower;
}

/**
 * A row is worse than its reference (referenceOf) by more than 2×: what fails the smoke run. A shared
 * CI machine is too noisy to hold the goal itself, but a regression of that size is not noise.
 */
export function isRegression(row: BenchRow, recorded?: Recorded): boolean {
  if (Number.isNaN(row.measured)) return true;
  if (row.smokeGate === false) return false;
  const reference = referenceOf(row, recorded);
  return row.better === 'higher' ? row.measured < reference / 2 : row.measured > reference * 2;
}

/**
 * What to record: the worse of a row's figure and the recorded one (the row's when nothing is
 * recorded), with the machine baseline of the run the kept figure came from.
 */
export function worseOf(row: BenchRow, recorded: Recorded = {}): Recorded {
  const { figure } = recorded;
  const rowIsWorse = figure === undefined || !Number.isFinite(figure) || (row.better === 'higher' ? row.measured < figure : row.measured > figure);
  return rowIsWorse ? { figure: row.measured, machine: row.machine } : recorded;
}

/** A smoke row that misses its goal: failing the run, or why not. */
function smokeVerdict(row: BenchRow, recorded: Recorded | undefined): string {
  if (row.smokeGate === false) return 'no (not gated)';
  return isRegression(row, recorded) ? 'no' : 'no (within 2×)';
}

/** The key of a row in bench/smoke-baseline.json. */
export function rowKey(row: Pick<BenchRow, 'area' | 'figure'>): string {
  return `${row.area}: ${row.figure}`;
}

/** Figures with as many decimals as their size needs: 0.83, 12.4, 1234. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 100 || Number.isInteger(value)) return value.toFixed(0);
  if (size >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/**
 * The rows as one Markdown table (`area | figure | measured | goal | ok`), readable in a terminal and
 * pasted as is into the README's Performance section.
 */
export function formatTable(rows: BenchRow[], options: { smoke: boolean; recorded?: (row: BenchRow) => Recorded | undefined }): string {
  const cells = rows.map((row) => {
    const comparison = row.better === 'higher' ? '≥' : '≤';
    const unit = row.unit === '×' || row.unit === '%' ? row.unit : ` ${row.unit}`;
    const ok = meetsGoal(row) ? 'yes' : options.smoke ? smokeVerdict(row, options.recorded?.(row)) : 'no';
    return [row.area, row.figure, `${formatNumber(row.measured)}${unit}${row.detail ? ` (${row.detail})` : ''}`, `${comparison} ${formatNumber(row.goal)}${unit}`, ok];
  });
  const header = ['area', 'figure', 'measured', 'goal', 'ok'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: string[]) => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
