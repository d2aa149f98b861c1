import { randomInt } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { escapeHtml, readableTime } from '../html.js';
import { page } from './html.js';
import type { ConnectiveContext } from './context.js';
import { ConnectiveError } from './errors.js';
import { actorsOf, type StoredActor, type StoredPackage, type StoredStakeholder } from './model.js';
import { currentPath } from './files.js';
import { expireIfDue, notify, performAction } from './workflow.js';
import { ACTOR_TYPE_WORDS, actorStatusWords, PACKAGE_STATUS_WORDS } from './words.js';

/**
 * The signer's side (the page an ActionUrl opens): the documents, a Sign (or Approve) and a Reject
 * button, and for SigningType SmsOtp a code sent by text message to the actor's Phonenumber — the
 * sandbox's phone is its SMS outbox (`GET /_sandbox/sms`, and shown on the page). Reached by its
 * unguessable link alone, as a real invitation. After acting, the browser goes to the actor's
 * RedirectURL when there is one.
 */

const CODE_LIFETIME_MS = 10 * 60 * 1000;

interface Found {
  pkg: StoredPackage;
  stakeholder: StoredStakeholder;
  actor: StoredActor;
}

function find(context: ConnectiveContext, token: string): Found | null {
  const pkg = context.store.packageByToken(token);
  if (!pkg) return null;
  if (expireIfDue(context, pkg)) {
    context.store.putPackage(pkg);
    notify(context, pkg, null);
  }
  const entry = actorsOf(pkg).find(({ actor }) => actor.token === token);
  return entry ? { pkg, ...entry } : null;
}

function render(context: ConnectiveContext, token: string, found: Found, message?: { kind: 'notice' | 'error'; text: string }): string {
  const { pkg, stakeholder, actor } = found;
  const verb = actor.type === 'Approver' ? 'Approve' : 'Sign';
  const parts = [`<h1>${escapeHtml(pkg.name)}</h1>`];
  if (message) parts.push(`<p class="${message.kind}">${escapeHtml(message.text)}</p>`);
  parts.push(
    `<p>You are <strong>${escapeHtml(`${stakeholder.firstName} ${stakeholder.lastName}`)}</strong> (${escapeHtml(stakeholder.email)}), ${ACTOR_TYPE_WORDS[actor.type]}.</p>` +
      `<dl class="meta"><dt>Documents</dt><dd>${escapeHtml(PACKAGE_STATUS_WORDS[pkg.status])}</dd><dt>Your part</dt><dd>${escapeHtml(actorStatusWords(actor.type, actor.status))}</dd></dl>`,
  );
  const pages = (n: number) => `${n} page${n === 1 ? '' : 's'}`;
  parts.push(
    `<h2>Documents</h2><ul>${pkg.documents
      .map((document) => `<li><a href="${escapeHtml(`${context.prefix}/_sandbox/sign/${token}/documents/${document.id}`)}">${escapeHtml(document.name)}</a> (${document.signedPath ? 'signed' : pkg.status === 'Pending' ? 'to sign' : 'as sent'}, ${pages(document.pages.length)})</li>`)
      .join('')}</ul>`,
  );
  if (pkg.status === 'Pending' && actor.status === 'Available') {
    const sms = actor.signingType === 'SmsOtp';
    if (sms) {
      const outbox = context.store.listSms(actor.phonenumber ?? '').slice(0, 5);
      parts.push(`<h2>Text message code</h2><p>Signing needs a code sent to the phone number ending in <strong>${escapeHtml((actor.phonenumber ?? '').slice(-3))}</strong>.</p>
        <form method="post" action="${escapeHtml(`${context.prefix}/_sandbox/sign/${token}/code`)}"><button type="submit">Send me a code</button></form>
        <h3>Sandbox SMS outbox</h3><ul>${outbox.map((entry) => `<li><small>${readableTime(entry.sentAt)}</small> ${escapeHtml(entry.text)}</li>`).join('') || '<li>No message yet.</li>'}</ul>`);
    }
    parts.push(`<h2>${verb}</h2><form method="post" action="${escapeHtml(`${context.prefix}/_sandbox/sign/${token}/sign`)}">
      ${sms ? '<p><label for="code">Code from the text message</label><input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code"></p>' : ''}
      <button type="submit">${verb}</button></form>
      <h2>Reject</h2><form method="post" action="${escapeHtml(`${context.prefix}/_sandbox/sign/${token}/reject`)}">
      <p><label for="reason">Reason</label><textarea id="reason" name="reason" required></textarea></p><button type="submit">Reject</button></form>`);
  }
  return page(`${pkg.name} — Connective sandbox`, parts.join('\n'));
}

const gone = (reply: FastifyReply) =>
  reply.code(404).type('text/html; charset=utf-8').send(page('Link not valid', '<h1>This link is not valid</h1><p>The package was deleted, or the link is wrong.</p>'));

export function signingPageRoutes(context: ConnectiveContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/sign/:token', async (request, reply) => {
      const { token } = request.params as { token: string };
      const found = find(context, token);
      if (!found) return gone(reply);
      return reply.type('text/html; charset=utf-8').send(render(context, token, found));
    });

    app.get('/sign/:token/documents/:documentId', async (request, reply) => {
      const { token, documentId } = request.params as { token: string; documentId: string };
      const found = find(context, token);
      const document = found?.pkg.documents.find((candidate) => candidate.id === documentId);
      if (!found || !document) return gone(reply);
      return reply.type('application/pdf').send(createReadStream(currentPath(context, document)));
    });

    app.post('/sign/:token/code', async (request, reply) => {
      const { token } = request.params as { token: string };
      const found = find(context, token);
      if (!found) return gone(reply);
      const { pkg, actor } = found;
      if (actor.signingType !== 'SmsOtp' || actor.status !== 'Available' || pkg.status !== 'Pending') {
        return reply.code(409).type('text/html; charset=utf-8').send(render(context, token, found, { kind: 'error', text: 'No code is needed now.' }));
      }
      await context.withPackageLock(pkg.id, async () => {
        const current = context.store.getPackage(pkg.id)!;
        const target = actorsOf(current).find((entry) => entry.actor.id === actor.id)!.actor;
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        target.otp = { code, expiresAt: new Date(context.now().getTime() + CODE_LIFETIME_MS).toISOString() };
        context.store.putPackage(current);
        context.store.sendSms(target.phonenumber ?? '', `eSignatures: your code to sign "${current.name}" is ${code}. It expires in 10 minutes.`, code, context.now().toISOString());
      });
      return reply.type('text/html; charset=utf-8').send(render(context, token, find(context, token)!, { kind: 'notice', text: 'A code was sent by text message.' }));
    });

    for (const action of ['sign', 'reject'] as const) {
      app.post(`/sign/:token/${action}`, async (request, reply) => {
        const { token } = request.params as { token: string };
        const found = find(context, token);
        if (!found) return gone(reply);
        const form = (request.body ?? {}) as { code?: string; reason?: string };
        const { actor, pkg } = found;
        if (action === 'sign' && actor.signingType === 'SmsOtp' && actor.status === 'Available') {
          const problem = !actor.otp
            ? 'Ask for a code first.'
            : Date.parse(actor.otp.expiresAt) <= context.now().getTime()
              ? 'The code expired; ask for a new one.'
              : (form.code ?? '').trim() !== actor.otp.code
                ? 'The code does not match the last one sent.'
                : null;
          if (problem) return reply.code(400).type('text/html; charset=utf-8').send(render(context, token, found, { kind: 'error', text: problem }));
        }
        try {
          await performAction(context, pkg.id, actor.id, { action, reason: form.reason ?? null });
        } catch (error) {
          if (!ConnectiveError.is(error)) throw error;
          return reply.code(error.status).type('text/html; charset=utf-8').send(render(context, token, find(context, token) ?? found, { kind: 'error', text: error.message }));
        }
        if (actor.redirectUrl) return reply.redirect(actor.redirectUrl, 303);
        const done = action === 'sign' ? (actor.type === 'Approver' ? 'approved' : 'signed') : 'rejected';
        return reply.type('text/html; charset=utf-8').send(render(context, token, find(context, token)!, { kind: 'notice', text: `You ${done} the package.` }));
      });
    }
  };
}
