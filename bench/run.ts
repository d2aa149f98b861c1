/**
 * `npm run bench`: every area's figures, side by side in one run, printed as one table with the goal
 * beside each figure (issue 12). Each area is a module `bench/<area>.ts` exporting
 * `run(options): Promise<BenchRow[]>` (the contract is in bench/table.ts); an area whose module is not
 * there yet is skipped with a line saying so, so that the runner works on any branch.
 *
 *   npm run bench                      every area, full length (under 10 minutes on 2 cores)
 *   npm run bench -- --smoke           the short version for CI (under 2 minutes); exits 1 when a
 *                                      figure is worse by more than 2× than its goal, or than the
 *                                      figure recorded in bench/smoke-baseline.json while the goal
 *                                      is not met yet, scaled to this machine's speed where the
 *                                      figure has a machine baseline (bench/table.ts, referenceOf)
 *   npm run bench -- --smoke --record  the same, and records its figures there, keeping the worst
 *                                      of each (run it a few times after a change that moves them)
 *   npm run bench -- api memory        only the areas named
 *   npm run bench -- --postgres        every server on PostgreSQL (a database each, dropped at the
 *                                      end; COUNTERSIGN_TEST_DATABASE_URL names the server, this
 *                                      machine's by default) and the queue figure pg-boss's
 *
 * Progress goes to stderr, the table to stdout.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchOptions, type BenchRow, formatTable, isRegression, meetsGoal, type Recorded, rowKey, worseOf } from './table.js';

interface AreaModule {
  run(options: BenchOptions): Promise<BenchRow[]>;
}

/** In the table's order. */
const AREAS = ['send', 'api', 'memory', 'queue', 'sync', 'connective'] as const;

/**
 * Areas that run beside the others instead of after them. Connective's figure is how much of a call
 * budget (100 calls per 60 s) is used over 5 minutes: time spent waiting on that budget, not CPU, so
 * its server runs niced beside the others (its bursts wait for the processes being timed, see
 * bench/connective.ts), and the whole run stays under 10 minutes.
 */
const ALONGSIDE = new Set<string>(['connective']);

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const record = argv.includes('--record');
const postgres = argv.includes('--postgres');
const unknown = argv.filter((arg) => arg.startsWith('-') && !['--smoke', '--record', '--postgres'].includes(arg));
const chosen = argv.filter((arg) => !arg.startsWith('-'));
const strange = chosen.filter((area) => !(AREAS as readonly string[]).includes(area));
if (unknown.length > 0 || strange.length > 0) {
  console.error(`Unknown ${[...unknown, ...strange].join(', ')}. Usage: npm run bench [-- [--postgres] [--smoke [--record]]] [${AREAS.join(' | ')} ...]`);
  process.exit(2);
}
if (record && (!smoke || postgres)) {
  console.error('--record keeps the figures of a smoke run on SQLite (what CI checks): use it with --smoke, without --postgres.');
  process.exit(2);
}
if (postgres) {
  // Read by test/support/postgres.ts when the areas load it: every server the areas start then gets
  // a database of its own, named with this run's prefix so that the end drops them all.
  process.env.COUNTERSIGN_TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  process.env.COUNTERSIGN_TEST_DATABASE_PREFIX = `cs_bench_${randomBytes(4).toString('hex')}_`;
}
/**
 * The smoke figures recorded for the code as it is on SQLite, by rowKey, with their machine
 * baselines: what a figure not yet at its goal is held to (on PostgreSQL, its goal only).
 */
const BASELINE_FILE = join(import.meta.dirname, 'smoke-baseline.json');
const recorded: Record<string, Recorded> = existsSync(BASELINE_FILE) && !postgres ? (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Record<string, Recorded>) : {};
const recordedFor = (row: BenchRow): Recorded | undefined => recorded[rowKey(row)];
const areas = AREAS.filter((area) => chosen.length === 0 || chosen.includes(area));

const startedAt = performance.now();
const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s`;
const logFor = (area: string) => (line: string) => console.error(`${elapsed()} [${area}] ${line}`);

/** Runs one area; a crash becomes a row that fails, so the table still prints everything else. */
async function runArea(area: string): Promise<BenchRow[]> {
  const log = logFor(area);
  const file = join(import.meta.dirname, `${area}.ts`);
  if (!existsSync(file)) {
    log(`skipped: bench/${area}.ts is not on this branch yet`);
    return [];
  }
  const areaStarted = performance.now();
  try {
    const module = (await import(pathToFileURL(file).href)) as AreaModule;
    const rows = await module.run({ smoke, postgres, log });
    log(`done in ${((performance.now() - areaStarted) / 1000).toFixed(0)} s`);
    return rows;
  } catch (error) {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return [{ area, figure: `did not run: ${error instanceof Error ? error.message : String(error)}`.slice(0, 120), measured: Number.NaN, unit: '', goal: 0, better: 'higher' }];
  }
}

console.error(`${elapsed()} bench ${smoke ? '--smoke ' : ''}on Node.js ${process.version}, ${postgres ? 'PostgreSQL' : 'SQLite'}: ${areas.join(', ')}`);
const alongside = new Map(areas.filter((area) => ALONGSIDE.has(area)).map((area) => [area, runArea(area)] as const));
const results = new Map<string, BenchRow[]>();
for (const area of areas.filter((each) => !ALONGSIDE.has(each))) results.set(area, await runArea(area));
for (const [area, rows] of alongside) results.set(area, await rows);

const rows = areas.flatMap((area) => results.get(area) ?? []);
if (postgres) await (await import('../test/support/postgres.js')).dropDatabasesStartingWith(process.env.COUNTERSIGN_TEST_DATABASE_PREFIX!);
console.error(`${elapsed()} all done`);
console.log(formatTable(rows, { smoke, recorded: recordedFor }));
console.log(`\n${rows.filter(meetsGoal).length} of ${rows.length} figures meet their goal; ${smoke ? 'smoke run (short, rough figures)' : 'full run'} on ${postgres ? 'PostgreSQL' : 'SQLite'}, ${elapsed().trim()}.`);

const crashed = rows.filter((row) => Number.isNaN(row.measured));
if (record && crashed.length === 0) {
  // The reference keeps the worst figure recorded, so that a few recorded runs make a band wide enough
  // for the machine's noise (delete the file to start afresh); it serves the check below too.
  for (const row of rows) recorded[rowKey(row)] = worseOf(row, recordedFor(row));
  writeFileSync(BASELINE_FILE, `${JSON.stringify(recorded, null, 2)}\n`);
  console.log(`Recorded these figures in bench/smoke-baseline.json.`);
}
const regressed = rows.filter((row) => isRegression(row, recordedFor(row)));
if (smoke && regressed.length > 0) {
  console.log(`Worse than the goal (or the recorded figure) by more than 2×: ${regressed.map(rowKey).join('; ')}`);
  process.exit(1);
}
if (crashed.length > 0) process.exit(1);
