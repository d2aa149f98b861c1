import { randomInt, timingSafeEqual, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { escapeHtml } from '../html.js';
import { page } from './html.js';
import type { ConsignoContext } from './context.js';
import { ConsignoError } from './errors.js';
import { filePath } from './files.js';
import { actorOf, fullName, secondFactorsOf, WORKFLOW_STATUS, type SecondFactor, type StoredAction, type StoredWorkflow } from './model.js';
import { sendDocuments } from './workflows.js';
import { act, callBack, expireIfDue, markInProgress, recordEvent } from './workflow.js';
import { actionStatusWords, SIGNER_TYPE_WORDS, WORKFLOW_STATUS_WORDS } from './words.js';

/**
 * The signer's side (seed 002, Signature Modes and AMR): the page a remote signer's email link or an
 * embedded signer's `signingUrl` opens. It asks the second factor first — a 6-digit code sent to the
 * sandbox's phone outbox (`GET /_sandbox/sms`, channel `sms` or `call`), or the secret question —
 * then offers Sign (Approve) and Decline with a reason. An embedded signer is sent back to the
 * action's `returnUrl` with `?status=success|decline` (and `expired` for a link of an expired workflow).
 * Reached by its unguessable link alone, as a real invitation; a deleted workflow's links are dead.
 */

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

interface Found {
  workflow: StoredWorkflow;
  action: StoredAction;
}

/** The returnUrl with `status` appended (`&` when it already has a query). */
export function withStatus(returnUrl: string, status: string): string {
  return `${returnUrl}${returnUrl.includes('?') ? '&' : '?'}status=${encodeURIComponent(status)}`;
}

const same = (given: string, expected: string) => {
  const digest = (value: string) => createHash('sha256').update(value.trim().toLowerCase(), 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
};

/** Whether the action still needs its second factor on the page. */
const needsFactor = (action: StoredAction) => secondFactorsOf(action.signer).length > 0 && action.factorPassed === null;

export function signingPageRoutes(context: ConsignoContext): FastifyPluginAsync {
  /** The action of a link, a due expiry applied; null for a dead link (deleted workflow, unknown token). */
  async function find(token: string): Promise<Found | null> {
    const workflow = context.store.workflowByActionToken(token);
    if (!workflow || workflow.status === WORKFLOW_STATUS.deleted) return null;
    return context.withWorkflowLock(workflow.id, async () => {
      const current = context.store.getWorkflow(workflow.id)!;
      if (expireIfDue(context, current)) {
        context.store.putWorkflow(current);
        callBack(context, current, 'WORKFLOW_EXPIRED');
      }
      const action = current.actions.find((candidate) => candidate.token === token);
      return action ? { workflow: current, action } : null;
    });
  }

  /** Runs `change` on the link's action under the workflow lock and saves. */
  async function change(found: Found, fn: (workflow: StoredWorkflow, action: StoredAction) => void): Promise<Found> {
    return context.withWorkflowLock(found.workflow.id, async () => {
      const workflow = context.store.getWorkflow(found.workflow.id)!;
      const action = workflow.actions.find((candidate) => candidate.id === found.action.id)!;
      fn(workflow, action);
      context.store.putWorkflow(workflow);
      return { workflow, action };
    });
  }

  const base = (token: string) => `${context.prefix}/_sandbox/sign/${token}`;

  function render(token: string, { workflow, action }: Found, message?: { kind: 'notice' | 'error'; text: string }): string {
    const verb = action.signer.type === 'approver' ? 'Approve' : 'Sign';
    const parts = [`<h1>${escapeHtml(workflow.name)}</h1>`];
    if (message) parts.push(`<p class="${message.kind}">${escapeHtml(message.text)}</p>`);
    parts.push(
      `<p>You are <strong>${escapeHtml(fullName(action.signer))}</strong> (${escapeHtml(action.signer.email)}), ${SIGNER_TYPE_WORDS[action.signer.type]}.</p>` +
        `<dl class="meta"><dt>Documents</dt><dd>${escapeHtml(WORKFLOW_STATUS_WORDS[workflow.status])}</dd><dt>Your part</dt><dd>${escapeHtml(actionStatusWords(action.signer.type, action.status))}</dd></dl>`,
    );
    const actionable = workflow.status === WORKFLOW_STATUS.launched && (action.status === 'STARTED' || action.status === 'IN_PROGRESS');
    if (!actionable) return page(`${workflow.name} — ConsignO sandbox`, parts.join('\n'));
    if (needsFactor(action)) {
      parts.push('<h2>Confirm who you are</h2>');
      for (const factor of secondFactorsOf(action.signer)) {
        if (factor === 'secret') {
          parts.push(`<form method="post" action="${escapeHtml(`${base(token)}/verify`)}"><input type="hidden" name="factor" value="secret">
            <p><label for="answer">${escapeHtml(action.signer.secretQuestion ?? '')}</label><input type="text" id="answer" name="answer" autocomplete="off"></p><button type="submit">Answer</button></form>`);
        } else {
          const ending = escapeHtml((action.signer.phone ?? '').slice(-3));
          parts.push(`<form method="post" action="${escapeHtml(`${base(token)}/code`)}"><input type="hidden" name="channel" value="${factor}">
            <button type="submit">${factor === 'sms' ? 'Text me a code' : 'Call me with a code'}</button> (phone ending in ${ending})</form>`);
        }
      }
      if (action.otp) {
        parts.push(`<form method="post" action="${escapeHtml(`${base(token)}/verify`)}"><input type="hidden" name="factor" value="${action.otp.channel}">
          <p><label for="code">Code</label><input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code"></p><button type="submit">Check the code</button></form>`);
      }
      return page(`${workflow.name} — ConsignO sandbox`, parts.join('\n'));
    }
    parts.push(
      `<h2>Documents</h2><ul>${workflow.documents
        .map((document) => `<li><a href="${escapeHtml(`${base(token)}/documents/${document.documentId}`)}">${escapeHtml(document.name)}</a> (${document.pages} page${document.pages === 1 ? '' : 's'})</li>`)
        .join('')}</ul>`,
      `<h2>${verb}</h2><form method="post" action="${escapeHtml(`${base(token)}/sign`)}"><button type="submit">${verb}</button></form>`,
      `<h2>Decline</h2><form method="post" action="${escapeHtml(`${base(token)}/decline`)}"><p><label for="reason">Reason</label><textarea id="reason" name="reason" required></textarea></p><button type="submit">Decline</button></form>`,
    );
    return page(`${workflow.name} — ConsignO sandbox`, parts.join('\n'));
  }

  const gone = (reply: FastifyReply) => html(reply, 404, page('Link not valid', '<h1>This link is not valid</h1><p>The workflow was deleted, or the link is wrong.</p>'));

  return async (app) => {
    app.get('/sign/:token', async (request, reply) => {
      const { token } = request.params as { token: string };
      let found = await find(token);
      if (!found) return gone(reply);
      if (found.workflow.status === WORKFLOW_STATUS.expired && found.action.mode === 'embedded' && found.action.returnUrl) {
        return reply.redirect(withStatus(found.action.returnUrl, 'expired'), 303);
      }
      if (found.workflow.status === WORKFLOW_STATUS.launched && found.action.status === 'STARTED') {
        found = await change(found, (workflow, action) => void markInProgress(context, workflow, action));
      }
      return html(reply, 200, render(token, found));
    });

    app.get('/sign/:token/documents/:documentId', async (request, reply) => {
      const { token, documentId } = request.params as { token: string; documentId: string };
      const found = await find(token);
      const document = found?.workflow.documents.find((candidate) => candidate.documentId === documentId);
      if (!found || !document || needsFactor(found.action)) return gone(reply);
      return reply.type('application/pdf').send(createReadStream(filePath(context, document.currentPath)));
    });

    app.post('/sign/:token/code', async (request, reply) => {
      const { token } = request.params as { token: string };
      const found = await find(token);
      if (!found) return gone(reply);
      const channel = (request.body as { channel?: string } | undefined)?.channel;
      if ((channel !== 'sms' && channel !== 'call') || !found.action.signer.amr.includes(channel) || !needsFactor(found.action) || found.workflow.status !== WORKFLOW_STATUS.launched) {
        return html(reply, 409, render(token, found, { kind: 'error', text: 'No code by that channel is needed now.' }));
      }
      const updated = await change(found, (workflow, action) => {
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        action.otp = { code, channel, expiresAt: context.now().getTime() + CODE_LIFETIME_MS };
        markInProgress(context, workflow, action);
        recordEvent(context, workflow, actorOf(action.signer), channel === 'sms' ? 'Code sent by text message' : 'Code given by phone call', channel);
        context.store.sendToPhone({
          to: action.signer.phone ?? '',
          channel,
          text: `ConsignO Cloud: your code to sign "${workflow.name}" is ${code}. It expires in 10 minutes.`,
          code,
          sentAt: context.now().getTime(),
        });
      });
      return html(reply, 200, render(token, updated, { kind: 'notice', text: channel === 'sms' ? 'A code was sent by text message.' : 'A call gave you a code.' }));
    });

    app.post('/sign/:token/verify', async (request, reply) => {
      const { token } = request.params as { token: string };
      const found = await find(token);
      if (!found) return gone(reply);
      const form = (request.body ?? {}) as { factor?: string; code?: string; answer?: string };
      const { action } = found;
      let passed: SecondFactor | null = null;
      let problem: string | null = null;
      if (form.factor === 'secret' && action.signer.amr.includes('secret')) {
        if (same(form.answer ?? '', action.signer.secretAnswer ?? '')) passed = 'secret';
        else problem = 'That is not the answer to the secret question.';
      } else if (action.otp && form.factor === action.otp.channel) {
        if (action.otp.expiresAt <= context.now().getTime()) problem = 'The code expired; ask for a new one.';
        else if ((form.code ?? '').trim() === action.otp.code) passed = action.otp.channel;
        else problem = 'The code does not match the last one sent.';
      } else problem = 'Ask for a code first, or answer the secret question.';
      if (!passed) return html(reply, 400, render(token, found, { kind: 'error', text: problem ?? 'Not verified.' }));
      const factor = passed;
      const updated = await change(found, (workflow, current) => {
        current.factorPassed = factor;
        current.otp = null;
        recordEvent(context, workflow, actorOf(current.signer), 'Second factor passed', factor);
      });
      return html(reply, 200, render(token, updated, { kind: 'notice', text: 'Thank you: you may now read and sign.' }));
    });

    for (const verb of ['sign', 'decline'] as const) {
      app.post(`/sign/:token/${verb}`, async (request, reply) => {
        const { token } = request.params as { token: string };
        const found = await find(token);
        if (!found) return gone(reply);
        if (needsFactor(found.action)) return html(reply, 403, render(token, found, { kind: 'error', text: 'Confirm who you are first.' }));
        const reason = (request.body as { reason?: string } | undefined)?.reason ?? null;
        const factor = found.action.factorPassed === 'none' || found.action.factorPassed === null ? null : found.action.factorPassed;
        try {
          await act(context, found.workflow.id, found.action.id, { action: verb, reason, secondFactor: factor });
        } catch (error) {
          if (!(error instanceof ConsignoError)) throw error;
          return html(reply, error.status, render(token, (await find(token)) ?? found, { kind: 'error', text: error.message }));
        }
        if (found.action.mode === 'embedded' && found.action.returnUrl) return reply.redirect(withStatus(found.action.returnUrl, verb === 'sign' ? 'success' : 'decline'), 303);
        const after = await find(token);
        return html(reply, 200, render(token, after ?? found, { kind: 'notice', text: verb === 'sign' ? 'Thank you: your action is recorded.' : 'You declined the workflow.' }));
      });
    }

    // The notification email's link: the final documents of a completed workflow.
    app.get('/final/:token', async (request, reply) => {
      const workflow = context.store.workflowByFinalToken((request.params as { token: string }).token);
      if (!workflow || workflow.status !== WORKFLOW_STATUS.completed) return gone(reply);
      return sendDocuments(context, reply, workflow);
    });

    // editUrl: ConsignO's project workspace, which the sandbox does not emulate.
    app.get('/edit/:id', async (_request, reply) =>
      html(reply, 200, page('Project workspace', '<h1>Project workspace</h1><p>The sandbox has no project workspace: create workflows with their zones and signers through the API.</p>')),
    );
  };
}
