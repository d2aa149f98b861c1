import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createMailbox, mailboxRoutes } from './mailbox.js';

describe('sandbox mailbox', () => {
  it('keeps messages per sandbox, newest first, filtered by recipient regardless of case', () => {
    const db = new Database(':memory:');
    let clock = new Date('2026-01-01T00:00:00Z');
    const mailbox = createMailbox(db, { sandbox: 'autenti', now: () => clock });
    const other = createMailbox(db, { sandbox: 'consigno' });
    mailbox.send({ to: 'Ann@Example.com', subject: 'first', text: 'one', link: '/_sandbox/sign/a' });
    clock = new Date('2026-01-01T00:00:01Z');
    mailbox.send({ to: 'bob@example.com', subject: 'second', text: 'two' });
    mailbox.send({ to: 'ann@example.com', subject: 'third', text: 'three' });
    other.send({ to: 'ann@example.com', subject: 'elsewhere', text: 'x' });
    expect(mailbox.list().map((message) => message.subject)).toEqual(['third', 'second', 'first']);
    expect(mailbox.list({ to: 'ANN@example.com' }).map((message) => message.subject)).toEqual(['third', 'first']);
    expect(mailbox.list({ to: 'ann@example.com' })[1]).toMatchObject({ to: 'ann@example.com', link: '/_sandbox/sign/a', sentAt: '2026-01-01T00:00:00.000Z' });
    mailbox.clear();
    expect(mailbox.list()).toEqual([]);
    expect(other.list()).toHaveLength(1);
  });

  it('serves the list with links made absolute from the Host header', async () => {
    const db = new Database(':memory:');
    const mailbox = createMailbox(db, { sandbox: 'autenti' });
    mailbox.send({ to: 'ann@example.com', subject: 'Please sign', text: 't', link: '/sandbox/autenti/_sandbox/sign/abc' });
    mailbox.send({ to: 'ann@example.com', subject: 'Notice', text: 't' });
    const app = Fastify();
    await app.register(mailboxRoutes(mailbox), { prefix: '/_sandbox' });
    const response = await app.inject({ method: 'GET', url: '/_sandbox/mailbox?to=ann@example.com', headers: { host: 'sandbox.test:8080' } });
    expect(response.json()).toMatchObject([
      { subject: 'Notice', link: null },
      { subject: 'Please sign', link: 'http://sandbox.test:8080/sandbox/autenti/_sandbox/sign/abc' },
    ]);
    expect((await app.inject({ method: 'DELETE', url: '/_sandbox/mailbox' })).statusCode).toBe(204);
    await app.close();
  });
});
