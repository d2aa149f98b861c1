import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const client = read('../package.json');
const root = read('../../../package.json');

/** The package is released with Countersign: same version, same Node.js lines, the libraries the server is tested with. */
describe('packages/client/package.json', () => {
  it('has the root’s version and engines', () => {
    expect(client.name).toBe('@countersign/client');
    expect(client.version).toBe(root.version);
    expect(client.engines).toEqual(root.engines);
  });

  it('depends on openapi-fetch and standardwebhooks at the versions the root pins, and nothing else', () => {
    expect(client.dependencies).toEqual({ 'openapi-fetch': root.dependencies['openapi-fetch'], standardwebhooks: root.dependencies.standardwebhooks });
    expect(client.devDependencies.typescript).toBe(root.devDependencies.typescript);
  });

  it('exports its build with its types, and publishes only the build', () => {
    expect(client.type).toBe('module');
    expect(client.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(client.files).toContain('dist');
    expect(client.scripts.prepack).toBe('npm run build');
  });
});
