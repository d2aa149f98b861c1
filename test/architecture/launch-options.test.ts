import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startScriptOptions } from '../support/start-script.js';

/**
 * The server's Node.js options (V8's young-generation size, docs/operations.md "Memory") can only be
 * given on the command line that starts the process, so each way of starting it carries them: `npm
 * start`, the `countersign` command (its shebang) and the systemd unit of docs/deployment.md. The
 * bench reads them from the start script (bench/built-server.ts).
 */
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const options = startScriptOptions().join(' ');

describe("the server's Node.js options", () => {
  it('npm start keeps the young generation to 4 MB semi-spaces', () => {
    expect(options).toBe('--max-semi-space-size=4');
  });

  it('the countersign command and the systemd unit of docs/deployment.md give the same options', () => {
    const shebang = read('bin/countersign.js').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${options}`);
    const execStart = /^ExecStart=.*$/m.exec(read('docs/deployment.md'))![0];
    expect(execStart).toBe(`ExecStart=/usr/bin/node ${options} dist/cli/main.js start`);
  });

  it('the countersign command runs through its shebang (env -S passes the options to node)', async () => {
    const { stdout } = await promisify(execFile)(new URL('bin/countersign.js', root).pathname, ['--help']);
    expect(stdout).toContain('Usage: countersign');
  });
});
