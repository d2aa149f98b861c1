import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/**
 * Plain HTTP servers on loopback that a test file starts with `listen(handler)` and that are closed
 * after each test: for adapter tests of answers no sandbox gives (a malformed body, a 429).
 * Returns the server's origin with `path` appended (an adapter's API root).
 */
export function localServers(path = '/'): (handler: (request: IncomingMessage, response: ServerResponse) => void) => Promise<string> {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  return async (handler) => {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  };
}
