import type { FastifyInstance } from 'fastify';
import { escapeHtml, linkify, readableTime, sendPage, textParameter, wantsPage } from './html.js';

/**
 * The pages of what a sandbox "sent" instead of a provider's emails and text messages (shared by the
 * sandboxes): the mailbox (`/_sandbox/mailbox`) and the phone outbox (`/_sandbox/sms`), for a person
 * in a browser — newest first, who wrote to whom and when, the text readable with its addresses as
 * links, and the message's own link as a button. Both are control routes: only the guard's callers
 * see them. The links between them are relative (`sms`, `mailbox`), so they hold under any mount
 * prefix and host.
 */

/** How a sandbox's outbox pages look: its page layout and the provider it stands in for. */
export interface OutboxPageOptions {
  /** The sandbox's page layout (its banner), e.g. the Autenti sandbox's `page`. */
  page: (title: string, body: string) => string;
  /** The provider's name as a person knows it, e.g. "Autenti": who the messages come from. */
  provider: string;
}

/** A mailbox message as the page shows it (src/sandbox/mailbox.ts keeps them). */
export interface MailPageEntry {
  to: string;
  subject: string;
  text: string;
  /** A path on this server (`/…`) or an absolute http(s) URL. */
  link: string | null;
  linkText: string | null;
  from: string | null;
  sentAt: string;
}

/** A text message (or, ConsignO, a phone call) as the outbox page shows it. */
export interface PhonePageEntry {
  /** The number, as the sandbox keeps it (with or without its `+`). */
  to: string;
  channel?: 'sms' | 'call';
  text: string;
  /** The one-time code in it, when the sandbox knows it apart from the text. */
  code?: string | null;
  /** ISO text or epoch milliseconds, as each sandbox keeps it. */
  sentAt: string | number;
}

/**
 * A message's link as an href: a path on this server or an http(s) URL. Anything else (a sandbox bug,
 * never a person's input) is not made a link at all.
 */
function safeHref(link: string): string | null {
  if (link.startsWith('/') && !link.startsWith('//')) return link;
  return /^https?:\/\//i.test(link) ? link : null;
}

/** The filter form over the list: one field, GET, so that the filtered list has its own address. */
function filterForm(label: string, type: 'email' | 'tel', value: string, everyone: { href: string; text: string }): string {
  return `<form class="filter" method="get" action=""><label>${escapeHtml(label)}<input type="${type}" name="to" value="${escapeHtml(value)}"></label>
    <button type="submit">Show</button>${value ? ` <a href="${escapeHtml(everyone.href)}">${escapeHtml(everyone.text)}</a>` : ''}</form>`;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The mailbox page: `messages` newest first (as `Mailbox.list` gives them), `to` the filter in use. */
export function mailboxPage(options: OutboxPageOptions, messages: readonly MailPageEntry[], filter: { to: string }): string {
  const articles = messages.map((message) => {
    const href = message.link === null ? null : safeHref(message.link);
    const from = message.from ? `${options.provider}, for ${message.from}` : options.provider;
    return `<article class="message">
      <h2>${escapeHtml(message.subject)}</h2>
      <dl class="meta"><dt>From</dt><dd>${escapeHtml(from)}</dd><dt>To</dt><dd>${escapeHtml(message.to)}</dd><dt>Sent</dt><dd>${readableTime(message.sentAt)}</dd></dl>
      <div class="text">${linkify(message.text)}</div>
      ${href ? `<p><a class="button" href="${escapeHtml(href)}">${escapeHtml(message.linkText ?? 'Open the link')}</a></p>` : ''}
    </article>`;
  });
  const heading = filter.to ? `Mail to ${filter.to}` : 'Mailbox';
  const summary = filter.to
    ? `${count(messages.length, 'message', 'messages')} to ${filter.to}, newest first.`
    : `${count(messages.length, 'message', 'messages')}, newest first.`;
  return options.page(
    `${heading} — ${options.provider} sandbox`,
    `<h1>${escapeHtml(heading)}</h1>
    <p class="muted">The emails ${escapeHtml(options.provider)} would have sent. Nobody receives them: open a participant's link here to act as that participant.</p>
    <nav class="links"><a href="sms">Text messages</a></nav>
    ${filterForm('Recipient’s email', 'email', filter.to, { href: 'mailbox', text: 'Show everyone’s mail' })}
    <p>${escapeHtml(summary)}</p>
    ${articles.join('\n') || '<p class="notice">No mail yet. Invitations arrive here when an envelope is sent.</p>'}`,
  );
}

/**
 * `GET /sms` on `app`: the text messages `list` gives (newest first; `to` the number asked for, as
 * typed, or none), as the phone outbox page for a browser and as they are, in JSON, for programs
 * (see wantsPage). `entry` turns a sandbox's own record into what the page shows.
 */
export function phoneOutboxRoute<Message>(
  app: FastifyInstance,
  options: OutboxPageOptions,
  list: (to: string | undefined) => readonly Message[],
  entry: (message: Message) => PhonePageEntry,
): void {
  app.get('/sms', async (request, reply) => {
    const to = textParameter(request.query, 'to');
    const messages = list(to || undefined);
    if (!wantsPage(request)) return messages;
    return sendPage(reply, 200, phoneOutboxPage(options, messages.map(entry), { to: to ?? '' }));
  });
}

/** The phone outbox page: `messages` newest first, `to` the number filtered on (as typed). */
export function phoneOutboxPage(options: OutboxPageOptions, messages: readonly PhonePageEntry[], filter: { to: string }): string {
  const number = (to: string) => (to.startsWith('+') ? to : `+${to}`);
  const articles = messages.map(
    (message) => `<article class="message">
      <h2>${message.channel === 'call' ? 'Call to' : 'Text message to'} ${escapeHtml(number(message.to))}</h2>
      <dl class="meta"><dt>From</dt><dd>${escapeHtml(options.provider)}</dd><dt>Sent</dt><dd>${readableTime(message.sentAt)}</dd>${
        message.code ? `<dt>Code</dt><dd class="code">${escapeHtml(message.code)}</dd>` : ''
      }</dl>
      <div class="text">${linkify(message.text)}</div>
    </article>`,
  );
  const heading = filter.to ? `Text messages to ${number(filter.to)}` : 'Text messages';
  return options.page(
    `${heading} — ${options.provider} sandbox`,
    `<h1>${escapeHtml(heading)}</h1>
    <p class="muted">The text messages and calls ${escapeHtml(options.provider)} would have sent, newest first. The sandbox has no phones: read the codes here.</p>
    <nav class="links"><a href="mailbox">Mailbox</a></nav>
    ${filterForm('Phone number', 'tel', filter.to, { href: 'sms', text: 'Show every number' })}
    <p>${escapeHtml(count(messages.length, 'message', 'messages'))}.</p>
    ${articles.join('\n') || '<p class="notice">No text message yet. A code arrives here when a participant asks for one on the signing page.</p>'}`,
  );
}
