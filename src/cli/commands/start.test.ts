import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliRunner, type CliRun } from '../../../test/support/cli.js';

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

describe('a data folder it cannot use', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'countersign-start-folder-'));
  });
  afterEach(() => {
    chmodSync(root, 0o700);
    rmSync(root, { recursive: true, force: true });
  });

  /** One line on stderr that names the folder, no stack trace, exit code 1. */
  function expectOneLineNaming(run: CliRun, folder: string, reason: RegExp): void {
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The data folder ${folder} `);
    expect(lines[0]).toMatch(reason);
    expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m);
  }

  it('whose path runs through a file: the folder named, one line', async () => {
    writeFileSync(join(root, 'a-file'), 'not a folder');
    const folder = join(root, 'a-file', 'data');
    expectOneLineNaming(await countersign(['start'], { COUNTERSIGN_DATA_DIR: folder, PORT: '0' }), folder, /a part of its path is a file, not a folder/);
  });

  it('whose database file is not a database: the folder named, one line', async () => {
    writeFileSync(join(root, 'countersign.sqlite'), randomBytes(8192));
    expectOneLineNaming(await countersign(['start'], { COUNTERSIGN_DATA_DIR: root, PORT: '0' }), root, /database that cannot be read or written/);
  });

  // Permissions do not hold root back, so this one needs another user.
  it.skipIf(process.getuid?.() === 0)('that is read-only for this user: the folder named, one line', async () => {
    chmodSync(root, 0o500);
    expectOneLineNaming(await countersign(['start'], { COUNTERSIGN_DATA_DIR: root, PORT: '0' }), root, /is not writable by this user/);
  });
});
