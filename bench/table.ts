/**
 * The bench contract (issue 12), as fixed in the brief so that each area module compiles on its own
 * branch; the bench owner's version of this file (with the table printing) replaces it on merge.
 */

export interface BenchOptions { smoke: boolean; log: (line: string) => void }
export interface BenchRow {
  area: string;            // 'send', 'api', 'memory', 'queue', 'sync', 'connective'
  figure: string;          // e.g. 'send throughput vs raw client (8 at a time)'
  measured: number;        // the number compared with the goal
  unit: string;            // '×', 'MB', 'jobs/s', 's', 'calls', 'req/s', '%'
  goal: number;
  better: 'higher' | 'lower';
  detail?: string;         // e.g. '29.0 vs 31.2 envelopes/s' — raw figures behind a ratio
}
