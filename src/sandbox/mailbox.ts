import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { sendPage, textParameter, wantsPage } from './html.js';
import { mailboxPage, type OutboxPageOptions } from './outbox-pages.js';

/**
 * The sandbox mailbox: the messages a provider would have emailed (invitations, reminders, notices)
 * are kept here instead, so that people can open the signing links by hand (the mailbox page,
 * outbox-pages.ts) and tests can assert that a reminder reached the right person (the JSON). Shared
 * by every sandbox; each one passes its own name.
 */
/** One sandbox's view of the mailbox. */
export interface MailboxMessage {
  id: string;
  /** Which sandbox sent it, e.g. `autenti`. */
  sandbox: string;
  /** Recipient email, lower-cased. */
  to: string;
  subject: string;
  text: string;
  /**
   * Where the recipient would click. Stored as given; a path starting with `/` is made absolute when
   * listed, from the Host header of the listing request (see {@link absoluteLink}).
   */
  link: string | null;
  /** What the mailbox page's button for `link` says ("Open the signing page"); `null`: "Open the link". */
  linkText: string | null;
  /**
   * Whom the provider wrote for: the sending account's address on an invitation or a reminder;
   * `null` when the provider wrote on its own account (a completion notice).
   */
  from: string | null;
  sentAt: string;
}

/** What a sandbox gives to {@link Mailbox.send}. */
export interface NewMailboxMessage {
  to: string;
  subject: string;
  text: string;
  link?: string | null;
  linkText?: string | null;
  from?: string | null;
}

export interface Mailbox {
  /** Records a message as sent now and returns it. */
  send(message: NewMailboxMessage): MailboxMessage;
  /** Messages newest first, optionally only those to one address (case-insensitive). */
  list(filter?: { to?: string; limit?: number }): MailboxMessage[];
  /** Forgets every message of this sandbox. */
  clear(): void;
}

interface MessageRow {
  id: string;
  sandbox: string;
  recipient: string;
  subject: string;
  text: string;
  link: string | null;
  link_text: string | null;
  sender: string | null;
  sent_at: string;
}

/**
 * Opens the mailbox kept in `db` (the sandbox's own SQLite file); creates its table when missing.
 * `now` lets tests move the clock.
 */
export function createMailbox(db: Database.Database, options: { sandbox: string; now?: () => Date }): Mailbox {
  const now = options.now ?? (() => new Date());
  db.exec(`CREATE TABLE IF NOT EXISTS mailbox_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    sandbox TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    link TEXT,
    sent_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS mailbox_messages_recipient ON mailbox_messages (sandbox, recipient, seq);`);
  // A sandbox file made before the mailbox page kept no sender or link text: the columns are added to it.
  const columns = new Set((db.prepare('PRAGMA table_info(mailbox_messages)').all() as Array<{ name: string }>).map((column) => column.name));
  if (!columns.has('sender')) db.exec('ALTER TABLE mailbox_messages ADD COLUMN sender TEXT');
  if (!columns.has('link_text')) db.exec('ALTER TABLE mailbox_messages ADD COLUMN link_text TEXT');
  const insert = db.prepare(
    'INSERT INTO mailbox_messages (id, sandbox, recipient, subject, text, link, link_text, sender, sent_at) VALUES (@id, @sandbox, @recipient, @subject, @text, @link, @link_text, @sender, @sent_at)',
  );
  const all = db.prepare('SELECT * FROM mailbox_messages WHERE sandbox = ? ORDER BY seq DESC LIMIT ?');
  const byRecipient = db.prepare('SELECT * FROM mailbox_messages WHERE sandbox = ? AND recipient = ? ORDER BY seq DESC LIMIT ?');
  const clear = db.prepare('DELETE FROM mailbox_messages WHERE sandbox = ?');
  const toMessage = (row: MessageRow): MailboxMessage => ({
    id: row.id,
    sandbox: row.sandbox,
    to: row.recipient,
    subject: row.subject,
    text: row.text,
    link: row.link,
    linkText: row.link_text,
    from: row.sender,
    sentAt: row.sent_at,
  });

  return {
    send(message) {
      const row: MessageRow = {
        id: randomUUID(),
        sandbox: options.sandbox,
        recipient: message.to.trim().toLowerCase(),
        subject: message.subject,
        text: message.text,
        link: message.link ?? null,
        link_text: message.linkText ?? null,
        sender: message.from?.trim().toLowerCase() || null,
        sent_at: now().toISOString(),
      };
      insert.run(row);
      return toMessage(row);
    },
    list(filter = {}) {
      const limit = filter.limit ?? 1000;
      const rows = (
        filter.to ? byRecipient.all(options.sandbox, filter.to.trim().toLowerCase(), limit) : all.all(options.sandbox, limit)
      ) as MessageRow[];
      return rows.map(toMessage);
    },
    clear() {
      clear.run(options.sandbox);
    },
  };
}

/**
 * Turns a stored link into an absolute URL for the client asking: a path (`/sandbox/autenti/_sandbox/sign/…`)
 * is joined to the scheme and Host header of `request`, so the link works under whatever host the
 * sandbox was reached (loopback, a container name, a tunnel).
 */
export function absoluteLink(request: FastifyRequest, link: string | null): string | null {
  if (link === null || !link.startsWith('/')) return link;
  return `${request.protocol}://${request.host}${link}`;
}

/**
 * Routes `GET /mailbox?to=EMAIL` and `DELETE /mailbox`, relative to wherever the caller registers them
 * (the sandboxes put them under `/_sandbox`, behind their control guard). The GET answers a browser
 * with the mailbox page and every other caller with the JSON list (newest first, links absolute); see
 * {@link wantsPage}.
 */
export function mailboxRoutes(mailbox: Mailbox, options: OutboxPageOptions): FastifyPluginAsync {
  return async (app) => {
    app.get('/mailbox', async (request, reply) => {
      const to = textParameter(request.query, 'to');
      const limitText = textParameter(request.query, 'limit');
      const limit = limitText !== undefined ? Math.max(1, Math.min(1000, Number.parseInt(limitText, 10) || 1000)) : undefined;
      const messages = mailbox.list({ ...(to ? { to } : {}), ...(limit ? { limit } : {}) });
      if (wantsPage(request)) return sendPage(reply, 200, mailboxPage(options, messages, { to: to ?? '' }));
      return messages.map((message) => ({ ...message, link: absoluteLink(request, message.link) }));
    });
    app.delete('/mailbox', async (_request, reply) => {
      mailbox.clear();
      return reply.code(204).send();
    });
  };
}
