import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { sha256Of } from '../file-hash.js';
import { readableSize, readableTime, wantsPage } from '../html.js';
import { mailboxRoutes } from '../mailbox.js';
import { phoneOutboxRoute } from '../outbox-pages.js';
import { absolutePath } from './file-storage.js';
import { presentProcess } from './access.js';
import type { ActionType } from './challenges.js';
import type { SandboxContext } from './context.js';
import { sendFileContent } from './files.js';
import { escapeHtml, page, PROVIDER_NAME } from './html.js';
import { isLookingRole, type StoredParty, type StoredProcess } from './model.js';
import { maskCallbackUrl } from './clients.js';
import { SandboxProblem, problems } from './problems.js';
import { performAction, recordViewing, turnOf } from './workflow.js';
import { requiresQualified } from './actions.js';
import { infocertAliasChallenge, SANDBOX_INFOCERT_PIN } from './challenges.js';
import { needsOtp, phoneOf, proveOtp, sendOtp } from './otp.js';
import { FILE_PURPOSE_WORDS, participationWords, PROCESS_STATUS_WORDS, ROLE_NAMES, ROLE_WORDS, statusForParty } from './words.js';

/**
 * The participants' side, which Autenti runs in its web app and mails: an HTML signing page per party
 * (`/_sandbox/sign/{token}`, linked from the invitations), reached by that unguessable per-invitation
 * link alone; and, as control routes (guarded when the sandbox is), the sandbox mailbox, a JSON route
 * to act as any party (`/_sandbox/document-processes/{id}/parties/{email}/actions`) for tests, and
 * views of every process in brief, of a process, its events and the callback log.
 */

type PartyAction = 'sign' | 'approve' | 'view' | 'reject';
const ACTIONS: Record<PartyAction, { action: ActionType; roles: StoredParty['role'][] }> = {
  sign: { action: 'SIGNATURE_APPLICATION', roles: ['SIGNER'] },
  approve: { action: 'APPROVAL', roles: ['APPROVER'] },
  view: { action: 'VIEWING', roles: ['VIEWER', 'REVIEWER'] },
  reject: { action: 'SIGNATURE_REJECTION', roles: ['SIGNER', 'APPROVER'] },
};
const PRIMARY: Record<StoredParty['role'], PartyAction> = { SIGNER: 'sign', APPROVER: 'approve', VIEWER: 'view', REVIEWER: 'view' };
const DONE: Record<PartyAction, string> = { sign: 'signed', approve: 'approved', view: 'viewed', reject: 'refused' };

/** Acts as `party` (validates the action against the role first); returns the event. */
async function actAsParty(context: SandboxContext, process: StoredProcess, party: StoredParty, name: unknown, reason: unknown) {
  if (typeof name !== 'string' || !(name in ACTIONS)) throw problems.badRequest(`action must be one of ${Object.keys(ACTIONS).join(', ')}; got ${JSON.stringify(name)}.`);
  const spec = ACTIONS[name as PartyAction];
  if (!spec.roles.includes(party.role)) throw problems.badRequest(`${party.email} is a ${party.role}; use "${PRIMARY[party.role]}"${!isLookingRole(party.role) ? ' or "reject"' : ''}.`);
  const turn = turnOf(process, party);
  if (!turn.ok) throw problems.conflict(`${party.email} cannot act now: ${turn.reason}.`, { currentStatus: process.status, participationStatus: party.participationStatus });
  if (spec.action === 'SIGNATURE_REJECTION' && (typeof reason !== 'string' || reason.trim() === '')) throw problems.badRequest('reason is required to reject.');
  const events = await performAction(context, process.id, {
    account: party.email,
    action: spec.action,
    ...(spec.action === 'SIGNATURE_REJECTION' ? { comment: String(reason).trim() } : {}),
  });
  return events[0]!;
}

/**
 * The OTP gate of a party under DOCUMENT_ACCESS_OTP_AUTHORIZATION: the code form, and the sandbox's SMS
 * outbox for the party's number (the sandbox has no phones: this is where the code can be read).
 */
function otpGate(context: SandboxContext, party: StoredParty): string {
  const phone = phoneOf(party);
  const messages = context.store.listSms(phone).slice(0, 5);
  const outbox = messages.map((sms) => `<li><small>${readableTime(sms.sentAt)}</small> ${escapeHtml(sms.text)}</li>`).join('');
  return `<h2>Confirm it is you</h2>
    <p>The sender protected this document with a code sent by text message to the phone number ending in <strong>${escapeHtml(phone.slice(-3))}</strong>.</p>
    <form method="post" action="">
      <p><label for="otp">Code from the text message</label><input type="text" id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code"></p>
      <button type="submit" name="action" value="otp">Open the document</button>
      <button type="submit" name="action" value="resend-otp">Send a new code</button>
    </form>
    <h2>Sandbox SMS outbox (+${escapeHtml(phone)})</h2><ul class="sms">${outbox || '<li>No message yet.</li>'}</ul>`;
}

function signingPage(context: SandboxContext, process: StoredProcess, party: StoredParty, message?: { kind: 'notice' | 'error'; text: string }): string {
  const locked = process.status !== 'DRAFT' && needsOtp(party);
  const files = process.status === 'DRAFT' || locked ? [] : context.store.listFiles(process.id);
  const turn = turnOf(process, party);
  const parts: string[] = [`<h1>${escapeHtml(process.title)}</h1>`];
  if (locked) {
    if (message) parts.push(`<p class="${message.kind}">${escapeHtml(message.text)}</p>`);
    parts.push(otpGate(context, party));
    return page(`${process.title} — Autenti sandbox`, parts.join('\n'));
  }
  if (process.description) parts.push(`<p>${escapeHtml(process.description)}</p>`);
  parts.push(
    `<p>You are <strong>${escapeHtml(party.name)}</strong> (${escapeHtml(party.email)}), ${ROLE_WORDS[party.role]}. ` +
      `Sent by ${escapeHtml(process.ownerEmail)}. Status: <strong>${escapeHtml(statusForParty(process, party, turn.ok))}</strong>.</p>`,
  );
  if (message) parts.push(`<p class="${message.kind}">${escapeHtml(message.text)}</p>`);
  if (files.length > 0) {
    // Relative to /_sandbox/sign/{token}: the link stays right under any host and mount prefix.
    const rows = files.map(
      (file) =>
        `<li><a href="${escapeHtml(party.signingToken)}/files/${encodeURIComponent(file.id)}">${escapeHtml(file.filename)}</a> ` +
        `<small>(${escapeHtml(FILE_PURPOSE_WORDS[file.purpose])}, ${readableSize(file.size)})</small></li>`,
    );
    parts.push(`<h2>Documents</h2><ul>${rows.join('')}</ul>`);
  }
  if (turn.ok) {
    const primary = PRIMARY[party.role];
    const label = { sign: 'Sign', approve: 'Approve', view: 'Mark as viewed', reject: 'Reject' }[primary];
    // A QUALIFIED signer signs with an Infocert certificate: alias and PIN (the sandbox's PIN is shown).
    const qualified =
      primary === 'sign' && requiresQualified(party)
        ? `<p><label for="alias">Certificate</label><select id="alias" name="alias">${(infocertAliasChallenge(party.id).attributes.options as { id: string; description: string }[])
            .map((option) => `<option value="${escapeHtml(option.id)}">${escapeHtml(option.description)}</option>`)
            .join('')}</select></p>
      <p><label for="pin">Infocert PIN <small>(sandbox certificates: ${SANDBOX_INFOCERT_PIN})</small></label><input type="text" id="pin" name="pin" inputmode="numeric"></p>`
        : '';
    parts.push(`<h2>Your decision</h2><form method="post" action="">${qualified}
      <button type="submit" name="action" value="${primary}">${label}</button>
      ${isLookingRole(party.role) ? '' : `<p><label for="reason">Reason, if you reject</label><textarea id="reason" name="reason" rows="3"></textarea></p>
      <button type="submit" name="action" value="reject">Reject</button>`}
    </form>`);
  } else if (!message || message.kind === 'error') {
    const friendly =
      party.participationStatus !== 'PENDING'
        ? `You have already ${party.participationStatus === 'REJECTED' ? 'refused' : DONE[PRIMARY[party.role]]} this document. Thank you.`
        : process.status === 'PROCESSING'
          ? `It is not your turn yet: ${turn.waitingFor ? `${turn.waitingFor.join(' and ')} must act first` : turn.reason}. You will get another message when it is.`
          : process.status === 'WITHDRAWN'
            ? 'The sender withdrew this document; there is nothing left to do.'
            : process.status === 'REJECTED'
              ? 'This document was refused by a participant; there is nothing left to do.'
              : `There is nothing for you to do: ${turn.reason}.`;
    parts.push(`<p class="notice">${escapeHtml(friendly)}</p>`);
  }
  return page(`${process.title} — Autenti sandbox`, parts.join('\n'));
}

/** The sandbox's page of a process: status, parties (with their signing links), files. */
function processPage(context: SandboxContext, process: StoredProcess): string {
  const rows = process.parties.map(
    (party) =>
      `<tr><td data-label="Party">${escapeHtml(party.name)}<br><small>${escapeHtml(party.email)}</small></td><td data-label="Role">${ROLE_NAMES[party.role]}</td>` +
      `<td data-label="Done">${participationWords(party.role, party.participationStatus)}</td>` +
      `<td>${process.status === 'DRAFT' ? '' : `<a href="${escapeHtml(`${context.prefix}/_sandbox/sign/${party.signingToken}`)}">Signing page</a>`}</td></tr>`,
  );
  const files = context.store
    .listFiles(process.id)
    .map((file) => `<li>${escapeHtml(file.filename)} <small>(${escapeHtml(FILE_PURPOSE_WORDS[file.purpose])}, ${readableSize(file.size)})</small></li>`);
  return page(
    `${process.title} — Autenti sandbox`,
    `<h1>${escapeHtml(process.title)}</h1><p><code>${escapeHtml(process.id)}</code> — <strong>${escapeHtml(PROCESS_STATUS_WORDS[process.status])}</strong>, sent by ${escapeHtml(process.ownerEmail)}.</p>
    <h2>Parties</h2><table class="stack"><thead><tr><th>Party</th><th>Role</th><th>Done</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>
    <h2>Documents</h2><ul>${files.join('') || '<li>None yet.</li>'}</ul>`,
  );
}

function partyByToken(context: SandboxContext, token: string): { process: StoredProcess; party: StoredParty } {
  const process = context.store.getProcessBySigningToken(token);
  const party = process?.parties.find((candidate) => candidate.signingToken === token);
  if (!process || !party) throw problems.notFound('This signing link is not known to the sandbox (the party may have been removed from the document).');
  return { process, party };
}

const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

/** The signing pages under `/_sandbox/sign/{token}`: the link is the party's only credential, as in an invitation email. */
export function signingPageRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.get('/sign/:token', async (request, reply) => {
      let { process, party } = partyByToken(context, (request.params as { token: string }).token);
      if (process.status !== 'DRAFT' && needsOtp(party)) {
        await sendOtp(context, process.id, party.id, false);
        ({ process, party } = partyByToken(context, party.signingToken));
        return html(reply, 200, signingPage(context, process, party));
      }
      if (process.status !== 'DRAFT') {
        await recordViewing(context, process.id, party.email);
        ({ process, party } = partyByToken(context, party.signingToken));
      }
      return html(reply, 200, signingPage(context, process, party));
    });

    app.post('/sign/:token', async (request, reply) => {
      const { process, party } = partyByToken(context, (request.params as { token: string }).token);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const again = (status: number, kind: 'notice' | 'error', text: string) => {
        const fresh = partyByToken(context, party.signingToken);
        return html(reply, status, signingPage(context, fresh.process, fresh.party, { kind, text }));
      };
      if (process.status !== 'DRAFT' && needsOtp(party)) {
        if (body.action === 'resend-otp') {
          await sendOtp(context, process.id, party.id, true);
          return again(200, 'notice', 'A new code was sent.');
        }
        const why = await proveOtp(context, process.id, party.id, String(body.otp ?? ''));
        if (why) return again(body.action === 'otp' ? 400 : 403, 'error', body.action === 'otp' ? `The code was not accepted: ${why}.` : 'Key in the code from the text message first.');
        await recordViewing(context, process.id, party.email);
        return again(200, 'notice', 'Thank you: the document is open to you.');
      }
      if (body.action === 'sign' && requiresQualified(party) && body.pin !== SANDBOX_INFOCERT_PIN) {
        return again(400, 'error', 'The Infocert PIN is wrong.');
      }
      try {
        await actAsParty(context, process, party, body.action, body.reason);
      } catch (error) {
        if (!SandboxProblem.is(error)) throw error;
        const fresh = partyByToken(context, party.signingToken);
        return html(reply, error.status, signingPage(context, fresh.process, fresh.party, { kind: 'error', text: error.detail }));
      }
      const fresh = partyByToken(context, party.signingToken);
      const done = DONE[body.action as PartyAction];
      const text = `You have ${done} "${fresh.process.title}".${fresh.process.status === 'COMPLETED' ? ' Everyone has taken part: the signed files are below.' : ''}`;
      return html(reply, 200, signingPage(context, fresh.process, fresh.party, { kind: 'notice', text }));
    });

    app.get('/sign/:token/files/*', async (request, reply) => {
      const { process, party } = partyByToken(context, (request.params as { token: string }).token);
      if (process.status === 'DRAFT') throw problems.notFound('The document has not been sent yet.');
      if (needsOtp(party)) throw problems.forbidden('Open the signing page and key in the code from the text message first.');
      const fileId = (request.params as { '*': string })['*'];
      const file = context.store.getFile(process.id, fileId);
      if (!file) throw problems.notFound(`No file ${fileId} in this document.`);
      return sendFileContent(context, request, reply, file);
    });
  };
}

const OUTBOX_PAGES = { page, provider: PROVIDER_NAME };

/** The control routes of the participants' side under `/_sandbox`: mailbox, acting as any party, process list, process and event views, callback log. */
export function participantControlRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    await app.register(mailboxRoutes(context.mailbox, OUTBOX_PAGES));

    app.post('/document-processes/:processId/parties/:email/actions', async (request) => {
      const params = request.params as { processId: string; email: string };
      const process = context.store.getProcess(params.processId);
      if (!process) throw problems.notFound(`No document process ${params.processId}.`);
      const email = params.email.toLowerCase();
      const party = process.parties.find((candidate) => candidate.email === email);
      if (!party) throw problems.notFound(`${email} is not a party of ${process.id} (parties: ${process.parties.map((p) => p.email).join(', ') || 'none'}).`);
      const body = (request.body ?? {}) as Record<string, unknown>;
      return actAsParty(context, process, party, body.action, body.reason);
    });

    // Every process in brief, whoever owns it: a crash test checks that no draft was left behind.
    app.get('/document-processes', async () =>
      context.store.listAllProcesses().map((process) => ({
        id: process.id,
        title: process.title,
        status: process.status,
        ownerEmail: process.ownerEmail,
        createdAt: process.createdAt,
        modifiedAt: process.modifiedAt,
      })),
    );

    app.get('/document-processes/:processId', async (request, reply) => {
      const id = (request.params as { processId: string }).processId;
      const process = context.store.getProcess(id);
      if (!process) throw problems.notFound(`No document process ${id}.`);
      // Each file's SHA-256 (by file id): what a test compares Countersign's archived copies with.
      const fileSha256 = Object.fromEntries(await Promise.all(context.store.listFiles(process.id).map(async (file) => [file.id, await sha256Of(absolutePath(context, file))] as const)));
      const view = { ...presentProcess(context, process, null), version: process.version, ownerEmail: process.ownerEmail, ownerClientId: process.ownerClientId, fileSha256 };
      // A browser (the create answer's links.ui) gets a page; programs get JSON.
      if (wantsPage(request)) return html(reply, 200, processPage(context, process));
      return view;
    });

    app.get('/document-processes/:processId/events', async (request) => {
      const id = (request.params as { processId: string }).processId;
      if (!context.store.getProcess(id)) throw problems.notFound(`No document process ${id}.`);
      return context.store.listEvents(id);
    });

    // The sandbox's phones: the text messages (OTP codes) it sent, newest first; ?to=<number> for one.
    phoneOutboxRoute(
      app,
      OUTBOX_PAGES,
      (to) => context.store.listSms(to?.replace(/^\+/, '')),
      (sms) => ({ to: sms.phone, text: sms.text, sentAt: sms.sentAt }),
    );

    // The addresses carry the receiver's secret: shown masked, like in Integration settings.
    app.get('/callbacks', async () => context.callbacks.deliveries().map((delivery) => ({ ...delivery, url: maskCallbackUrl(delivery.url) })));
  };
}
