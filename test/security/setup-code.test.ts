import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server.js';

/**
 * A fresh install without COUNTERSIGN_ADMIN_* lets the first visitor create the owner account. On a
 * server that other machines reach, that visitor could be a stranger: there, creating the owner needs
 * the one-time setup code printed to the terminal at start. (On loopback no code is asked: see
 * test/e2e/session.test.ts and the browser's sign-in test.)
 */

const PROBLEM = 'application/problem+json';
let server: ServerProcess;
let folder: ReturnType<typeof temporaryDataDir>;
let url: string;

beforeAll(async () => {
  folder = temporaryDataDir();
  server = await startServer({ dataDir: folder.dataDir, env: { HOST: '0.0.0.0' } });
  url = server.url.replace('0.0.0.0', '127.0.0.1');
});

afterAll(async () => {
  await server?.stop();
  folder?.remove();
});

const setup = (body: Record<string, unknown>) =>
  fetch(`${url}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('creating the owner account on a server reachable beyond loopback', () => {
  it('says a setup code is needed, and refuses the first visitor without the right one', async () => {
    const session = (await (await fetch(`${url}/api/v1/session`)).json()) as { setupRequired: boolean; setupCodeRequired?: boolean };
    expect(session).toEqual({ authenticated: false, setupRequired: true, setupCodeRequired: true });

    for (const attempt of [{}, { setupCode: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' }]) {
      const refused = await setup({ email: 'stranger@example.com', password: 'a long stranger password', ...attempt });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain(PROBLEM);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/setup code/);
    }
    // Nothing was created: setup is still open.
    expect(((await (await fetch(`${url}/api/v1/session`)).json()) as { setupRequired: boolean }).setupRequired).toBe(true);
  });

  it('creates the owner with the code printed to the terminal (never into the log), and only once', async () => {
    const code = /one-time setup code: ([A-Z0-9-]+)$/m.exec(server.terminal())?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/);
    expect(server.output()).not.toContain(code!);

    // Typed by a person: case and spacing do not matter.
    const created = await setup({ email: 'owner@example.com', password: 'a long owner password', setupCode: ` ${code!.toLowerCase()} ` });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { account: { role: string } }).account.role).toBe('owner');

    const again = await setup({ email: 'second@example.com', password: 'a long second password', setupCode: code });
    expect(again.status).toBe(409);
  });
});
