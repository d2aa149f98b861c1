import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got: its headers (lower-case names), its raw body, and the body parsed. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  event: { id: string; type: string; envelopeId: string | null; occurredAt: string; data: Record<string, any> };
  /** What the receiver answered; null when it dropped the connection instead. */
  status: number | null;
}

/**
 * What to answer a request, given the request and how many came before it: a status; a status with a
 * body and maybe a delay (an answer later than the sender's timeout is no answer for it); or `'drop'`,
 * closing the connection without a word. A promise of one holds the answer until it settles.
 */
type Answer = number | { status: number; body?: string; delayMs?: number } | 'drop';
export type WebhookAnswer = (request: Omit<ReceivedWebhook, 'status'>, index: number) => Answer | Promise<Answer>;

/**
 * A host application's webhook endpoint on loopback, as tests need it: it records every request in
 * the order received and answers as `answer` says (200 by default), so a test can make it fail, then
 * succeed, and check the signatures with the receiving side's own library.
 */
export async function startWebhookReceiver(answer: WebhookAnswer = () => 200): Promise<{
  url: string;
  received: ReceivedWebhook[];
  answerWith(next: WebhookAnswer): void;
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  let current = answer;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
      let event: ReceivedWebhook['event'];
      try {
        event = JSON.parse(body) as ReceivedWebhook['event'];
      } catch {
        event = { id: '', type: '(not JSON)', envelopeId: null, occurredAt: '', data: {} };
      }
      const respond = (given: Answer) => {
        if (given === 'drop') {
          received.push({ headers, body, event, status: null });
          request.socket.destroy();
          return;
        }
        const { status, body: answerBody = `answered ${status}`, delayMs = 0 } = typeof given === 'number' ? { status: given } : given;
        received.push({ headers, body, event, status });
        const answer = () => {
          if (!response.destroyed) response.writeHead(status, { 'content-type': 'text/plain' }).end(answerBody);
        };
        if (delayMs > 0) setTimeout(answer, delayMs).unref();
        else answer();
      };
      const given = current({ headers, body, event }, received.length);
      if (given instanceof Promise) void given.then(respond);
      else respond(given);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/countersign`,
    received,
    answerWith(next) {
      current = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
