import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole answer as received, status line included. */
  text: string;
}

/** Splits an HTTP/1.1 answer read off a socket. Chunked bodies are not expected (every error is sized). */
export function parseRawResponse(text: string): RawResponse | undefined {
  const match = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n/.exec(text);
  if (!match) return undefined;
  const end = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(match[0].length, end === -1 ? undefined : end).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: end === -1 ? '' : text.slice(end + 4), text };
}

/**
 * Opens a connection to the server, for requests that fetch() cannot send: malformed HTTP, bodies
 * that stall. `closed` resolves with everything received once the server closes the connection (or
 * `deadlineMs` passes, after which the socket is destroyed).
 */
export function openRaw(url: string, deadlineMs = 15_000): { socket: Socket; send(data: string | Buffer): void; closed: Promise<string> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.setNoDelay(true);
  const chunks: Buffer[] = [];
  const closed = new Promise<string>((resolve) => {
    const deadline = setTimeout(() => socket.destroy(), deadlineMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(deadline);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
  return {
    socket,
    send: (data) => {
      if (!socket.destroyed) socket.write(data);
    },
    closed,
  };
}

/** Sends bytes as they are and returns the server's answer (the connection is expected to close). */
export async function rawRequest(url: string, data: string | Buffer, deadlineMs?: number): Promise<RawResponse | undefined> {
  const connection = openRaw(url, deadlineMs);
  connection.send(data);
  return parseRawResponse(await connection.closed);
}

/** A multipart/form-data body with one file part. */
export function multipartBody(boundary: string, content: string | Buffer, options: { field?: string; filename?: string } = {}): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${options.filename ?? 'contract.pdf'}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

/** The head of an HTTP/1.1 request that closes its connection after the answer. */
export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: 'localhost', connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}
