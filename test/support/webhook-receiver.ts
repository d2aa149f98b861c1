import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got: its headers (lower-case names), its raw body, and the body parsed. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  event: { id: string; type: string; envelopeId: string | null; occurredAt: string; data: Record<string, any> };
  /** What the receiver answered. */
  status: number;
}

/** What to answer a request: a status (and an optional body), given the request and how many came before it. */
export type WebhookAnswer = (request: Omit<ReceivedWebhook, 'status'>, index: number) => number | { status: number; body: string };

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
      const given = current({ headers, body, event }, received.length);
      const { status, body: answerBody } = typeof given === 'number' ? { status: given, body: `answered ${given}` } : given;
      received.push({ headers, body, event, status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(answerBody);
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
