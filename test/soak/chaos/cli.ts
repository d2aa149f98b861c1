import { parseArgs } from 'node:util';
import { COUNTS } from './checker.js';
import { runChaos } from './run.js';

/**
 * `npm run soak -- --envelopes 2000 --kills 30 [--providers autenti,connective,consigno] [--concurrency 8]
 * [--instances 3]`: the chaos soak's long form (`--instances` > 1: that many instances on the PostgreSQL
 * server COUNTERSIGN_TEST_DATABASE_URL names, one killed at a time). Prints the report and exits 1 when any count is not 0.
 */
const { values } = parseArgs({
  options: {
    envelopes: { type: 'string', default: '300' },
    kills: { type: 'string', default: '10' },
    providers: { type: 'string', default: 'autenti,connective,consigno' },
    concurrency: { type: 'string', default: '8' },
    instances: { type: 'string', default: '1' },
  },
});

const report = await runChaos({
  envelopes: Number(values.envelopes),
  kills: Number(values.kills),
  concurrency: Number(values.concurrency),
  instances: Number(values.instances),
  providers: values.providers.split(',') as Array<'autenti' | 'connective' | 'consigno'>,
  log: (line) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`),
});
console.log(JSON.stringify(report, null, 2));
const bad = COUNTS.filter((name) => report.counts[name] > 0);
console.log(bad.length === 0 && report.failures.length === 0 ? 'chaos soak: every count is 0' : `chaos soak: FAILED (${[...bad, ...(report.failures.length ? ['workload failures'] : [])].join(', ')})`);
process.exit(bad.length === 0 && report.failures.length === 0 ? 0 : 1);
