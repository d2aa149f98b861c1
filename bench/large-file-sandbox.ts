/**
 * The Connective sandbox alone in its own process, like `countersign sandbox connective`, but taking
 * documents up to 2 GiB (its default stops at 300 MB): the memory figure sends a 1 GiB document to a
 * provider outside the server's process, so that the server's RSS is Countersign's own work alone.
 *
 *   npx tsx bench/large-file-sandbox.ts --port 0 --data-dir <folder>
 */
import { runSandboxCommand } from '../src/sandbox/command-line.js';
import { startConnectiveSandbox } from '../src/sandbox/connective/index.js';

runSandboxCommand({
  name: 'connective',
  defaultPort: 0,
  start: (options) => startConnectiveSandbox({ ...options, maxFileBytes: 2 * 1024 ** 3 }),
  banner: (url) => `Connective sandbox (large files) at ${url}`,
});
