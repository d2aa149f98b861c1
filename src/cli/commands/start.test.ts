import { expect, it } from 'vitest';
import { cliRunner } from '../../../test/support/cli.js';

const countersign = cliRunner({ url: 'http://127.0.0.1:9', apiKey: '' });

it('refuses to start on PostgreSQL without COUNTERSIGN_MASTER_KEY, before it opens anything', async () => {
  // Port 1: had it tried the database first, the refusal would be a connection error instead.
  const run = await countersign(['start'], {
    COUNTERSIGN_DATABASE_URL: 'postgres://countersign:hunter22@127.0.0.1:1/countersign',
    COUNTERSIGN_MASTER_KEY: '',
    COUNTERSIGN_DATA_DIR: '/nonexistent/countersign-start-test',
    PORT: '0',
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('COUNTERSIGN_MASTER_KEY must be set when COUNTERSIGN_DATABASE_URL is');
  expect(run.stderr).not.toContain('hunter22');
});
