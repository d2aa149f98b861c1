import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackRequest } from '../../src/providers/provider.js';

/** A loopback HTTP server that answers 200 to everything and keeps each request as the API would receive it. */
export async function startCallbackReceiver(): Promise<{ url: string; received: CallbackRequest[]; close(): Promise<void> }> {
  const received: CallbackRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callbacks/conformance`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
