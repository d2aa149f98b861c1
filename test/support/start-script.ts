import { readFileSync } from 'node:fs';

/**
 * The Node.js options of package.json's start script, `node [--option …] dist/cli/main.js start`
 * (V8's young-generation size: docs/operations.md, "Memory"): what the bench starts the built server
 * with (bench/built-server.ts), and what the other ways of starting it must give too
 * (test/architecture/launch-options.test.ts).
 */
export function startScriptOptions(): string[] {
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const script = packageJson.scripts.start;
  const found = /^node((?: --\S+)*) dist\/cli\/main\.js start$/.exec(script);
  if (!found) throw new Error(`package.json's start script is not "node [--option …] dist/cli/main.js start": ${script}`);
  return found[1]!.split(' ').filter(Boolean);
}
