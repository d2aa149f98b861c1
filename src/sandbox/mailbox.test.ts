import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sandboxPage } from './html.js';
import { createMailbox, mailboxRoutes } from './mailbox.js';

const PAGES = { page: (title: string, body: string) => sandboxPage('Autenti sandbox', title, body), provider: 'Autenti' };

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
    await app.register(mailboxRoutes(mailbox, PAGES), { prefix: '/_sandbox' });
    const response = await app.inject({ method: 'GET', url: '/_sandbox/mailbox?to=ann@example.com', headers: { host: 'sandbox.test:8080' } });
    expect(response.json()).toMatchObject([
      { subject: 'Notice', link: null },
      { subject: 'Please sign', link: 'http://sandbox.test:8080/sandbox/autenti/_sandbox/sign/abc' },
    ]);
    expect((await app.inject({ method: 'DELETE', url: '/_sandbox/mailbox' })).statusCode).toBe(204);
    await app.close();
  });

  it('keeps who the provider wrote for and what its link is, also in a mailbox file made before it kept them', () => {
    const db = new Database(':memory:');
    // The table as an older sandbox file has it: no sender, no link text.
    db.exec(`CREATE TABLE mailbox_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, sandbox TEXT NOT NULL,
      recipient TEXT NOT NULL, subject TEXT NOT NULL, text TEXT NOT NULL, link TEXT, sent_at TEXT NOT NULL)`);
    db.exec(`INSERT INTO mailbox_messages (id, sandbox, recipient, subject, text, link, sent_at) VALUES ('old', 'autenti', 'ann@example.com', 'Old', 't', NULL, '2026-01-01T00:00:00.000Z')`);
    const mailbox = createMailbox(db, { sandbox: 'autenti' });
    mailbox.send({ to: 'ann@example.com', subject: 'New', text: 't', link: '/x', linkText: 'Open the signing page', from: 'Sender@Example.com' });
    expect(mailbox.list()).toMatchObject([
      { subject: 'New', linkText: 'Open the signing page', from: 'sender@example.com' },
      { subject: 'Old', linkText: null, from: null },
    ]);
  });

  describe('the page', () => {
    async function served() {
      const db = new Database(':memory:');
      let clock = new Date('2026-03-03T14:05:09Z');
      const mailbox = createMailbox(db, { sandbox: 'autenti', now: () => clock });
      mailbox.send({ to: 'bob@example.com', subject: 'Completed: Lease', text: 'Everyone has taken part.' });
      clock = new Date('2026-03-03T14:06:00Z');
      mailbox.send({
        to: 'ann@example.com',
        subject: 'Please sign: <script>alert(1)</script>',
        text: 'Read https://docs.example.com/terms?a=1&b=2. Or javascript:alert(2) <b>bold</b>\nSecond line',
        link: '/sandbox/autenti/_sandbox/sign/tok"en',
        linkText: 'Open the signing page',
        from: 'sender@example.com',
      });
      const app = Fastify();
      await app.register(mailboxRoutes(mailbox, PAGES), { prefix: '/_sandbox' });
      return app;
    }
    const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

    it('shows a browser every message newest first: sender, recipient, subject, time, the text, escaped, with its links clickable', async () => {
      const app = await served();
      const response = await app.inject({ method: 'GET', url: '/_sandbox/mailbox', headers: { accept: BROWSER } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      const html = response.body;
      expect(html.indexOf('Please sign:')).toBeLessThan(html.indexOf('Completed: Lease'));
      expect(html).toContain('<h2>Please sign: &lt;script&gt;alert(1)&lt;/script&gt;</h2>');
      expect(html).not.toContain('<script>');
      expect(html).toContain('<dt>From</dt><dd>Autenti, for sender@example.com</dd><dt>To</dt><dd>ann@example.com</dd>');
      expect(html).toContain('<dt>From</dt><dd>Autenti</dd><dt>To</dt><dd>bob@example.com</dd>');
      expect(html).toContain('<time datetime="2026-03-03T14:06:00.000Z">3 Mar 2026, 14:06:00 UTC</time>');
      // The address in the text is a link (its sentence's full stop is not); the rest stays text.
      expect(html).toContain('Read <a href="https://docs.example.com/terms?a=1&amp;b=2">https://docs.example.com/terms?a=1&amp;b=2</a>. Or javascript:alert(2) &lt;b&gt;bold&lt;/b&gt;\nSecond line');
      expect(html).not.toContain('href="javascript');
      expect(html).toContain('<a class="button" href="/sandbox/autenti/_sandbox/sign/tok&quot;en">Open the signing page</a>');
      expect(html).toContain('2 messages, newest first.');
      await app.close();
    });

    it('filters on one recipient, and links to everyone’s mail and to the text messages', async () => {
      const app = await served();
      const html = (await app.inject({ method: 'GET', url: '/_sandbox/mailbox?to=BOB@example.com', headers: { accept: BROWSER } })).body;
      expect(html).toContain('<h1>Mail to BOB@example.com</h1>');
      expect(html).toContain('1 message to BOB@example.com, newest first.');
      expect(html).toContain('Completed: Lease');
      expect(html).not.toContain('Please sign');
      expect(html).toContain('<a href="mailbox">Show everyone’s mail</a>');
      expect(html).toContain('<a href="sms">Text messages</a>');
      await app.close();
    });

    it('still answers JSON to programs: no Accept, */*, application/json, and ?format=json even from a browser; ?format=html asks for the page', async () => {
      const app = await served();
      for (const headers of [{}, { accept: '*/*' }, { accept: 'application/json' }]) {
        const response = await app.inject({ method: 'GET', url: '/_sandbox/mailbox', headers });
        expect(response.headers['content-type'], JSON.stringify(headers)).toMatch(/^application\/json/);
        expect(response.json()).toHaveLength(2);
      }
      const forced = await app.inject({ method: 'GET', url: '/_sandbox/mailbox?format=json&to=ann@example.com', headers: { accept: BROWSER, host: 'sandbox.test' } });
      expect(forced.json()).toMatchObject([{ subject: 'Please sign: <script>alert(1)</script>', link: 'http://sandbox.test/sandbox/autenti/_sandbox/sign/tok"en', from: 'sender@example.com' }]);
      // A repeated filter is no filter (it parses to an array), never a server error.
      const repeated = await app.inject({ method: 'GET', url: '/_sandbox/mailbox?to=ann@example.com&to=bob@example.com' });
      expect(repeated.statusCode).toBe(200);
      expect(repeated.json()).toHaveLength(2);
      const page = await app.inject({ method: 'GET', url: '/_sandbox/mailbox?format=html' });
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      await app.close();
    });

    it('says so when there is no mail', async () => {
      const app = Fastify();
      await app.register(mailboxRoutes(createMailbox(new Database(':memory:'), { sandbox: 'autenti' }), PAGES), { prefix: '/_sandbox' });
      const html = (await app.inject({ method: 'GET', url: '/_sandbox/mailbox', headers: { accept: BROWSER } })).body;
      expect(html).toContain('No mail yet.');
      await app.close();
    });
  });
});
