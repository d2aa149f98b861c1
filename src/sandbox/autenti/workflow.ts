import type { ActionType } from './challenges.js';
import { saveProcess } from './access.js';
import type { SandboxContext } from './context.js';
import { isLookingRole, nameFromEmail, type ParticipationEvent, type SandboxEvent, type StoredFile, type StoredParty, type StoredProcess } from './model.js';
import { visualisationsOf } from './parties.js';
import { problems } from './problems.js';
import { addSignature, finalizeSignedContent } from './signing-output.js';
import { IMPLICIT_TAG_ID } from './tag-catalog.js';

/**
 * The life of a document process once it is sent: whose turn it is, which actions each account is
 * offered, and what every action does (statuses, participation events, signed files, mails, callbacks).
 *
 * Turn order (PARTICIPATION_PRIORITY, seed 003 "Constraints"): a party may act once every SIGNER and
 * APPROVER with a lower priority number has completed; equal numbers act in parallel; a party without a
 * priority acts after all numbered ones. VIEWERs never hold anyone up: they are invited in their turn,
 * complete by viewing, and may still view after the process completed. The process COMPLETES when every
 * SIGNER and APPROVER has completed; a single refusal REJECTS it.
 */

const blocksOthers = (party: StoredParty) => !isLookingRole(party.role);
const rank = (party: StoredParty) => party.priority ?? Number.POSITIVE_INFINITY;
const verbOf: Record<StoredParty['role'], string> = { SIGNER: 'sign', APPROVER: 'approve', VIEWER: 'view', REVIEWER: 'review' };
const doneVerb: Record<StoredParty['role'], string> = { SIGNER: 'signed', APPROVER: 'approved', VIEWER: 'viewed', REVIEWER: 'reviewed' };

/** Whether a party may act now. */
export type Turn = { ok: true } | { ok: false; reason: string; waitingFor?: string[] };

/** Whether `party` may act now, and if not, why (the detail of a 409 and of the signing page). */
export function turnOf(process: StoredProcess, party: StoredParty): Turn {
  if (party.participationStatus === 'COMPLETED') return { ok: false, reason: `${party.email} has already ${doneVerb[party.role]} this document` };
  if (party.participationStatus === 'REJECTED') return { ok: false, reason: `${party.email} has already refused this document` };
  if (process.status === 'DRAFT') return { ok: false, reason: 'the document process has not been sent yet' };
  const viewerAfterCompletion = process.status === 'COMPLETED' && isLookingRole(party.role);
  if (process.status !== 'PROCESSING' && !viewerAfterCompletion) return { ok: false, reason: `the document process is ${process.status}` };
  const waitingFor = process.parties.filter((other) => blocksOthers(other) && other.participationStatus === 'PENDING' && rank(other) < rank(party));
  if (waitingFor.length > 0) {
    const lowest = Math.min(...waitingFor.map(rank));
    const who = waitingFor.filter((other) => rank(other) === lowest).map((other) => other.email);
    return { ok: false, reason: `waiting for priority ${lowest} (${who.join(', ')}) to act first`, waitingFor: who };
  }
  return { ok: true };
}

/**
 * The actions offered to `account`, in the order of the seed's challenges (Sign, Withdraw, Reject for a
 * sender who is also a signer; the reminder comes last); with the reason when there is none.
 */
export function offeredActions(process: StoredProcess, account: string): { actions: ActionType[]; reason: string } {
  const party = process.parties.find((candidate) => candidate.email === account);
  const isSender = process.ownerEmail === account;
  const actions: ActionType[] = [];
  const reasons: string[] = [];
  const turn = party ? turnOf(process, party) : null;
  if (party && turn && !turn.ok) reasons.push(turn.reason);
  const partyMayAct = party !== undefined && turn?.ok === true;
  if (isSender && process.status === 'DRAFT') actions.push('DOCUMENT_SENT');
  if (partyMayAct) actions.push(party.role === 'SIGNER' ? 'SIGNATURE_APPLICATION' : party.role === 'APPROVER' ? 'APPROVAL' : 'VIEWING');
  if (isSender && process.status === 'PROCESSING') actions.push('DOCUMENT_WITHDRAWAL');
  // The seed defines no refusal for approvers; the sandbox lets them refuse with the same SIGNATURE_REJECTION.
  if (partyMayAct && !isLookingRole(party.role)) actions.push('SIGNATURE_REJECTION');
  if (isSender && process.status === 'PROCESSING') actions.push('DOCUMENT_REMINDER_SENT');
  if (isSender && process.status !== 'DRAFT' && process.status !== 'PROCESSING') reasons.push(`the document process is ${process.status}`);
  if (!party && !isSender) reasons.push(`${account} is not a party of this document process`);
  return { actions, reason: reasons.join('; ') || 'no action is available' };
}

/** Parties a reminder can go to: invited, still PENDING (seed: "options = parties still to act"). */
export function remindableParties(process: StoredProcess): StoredParty[] {
  if (process.status !== 'PROCESSING') return [];
  return process.parties.filter((party) => party.participationStatus === 'PENDING' && party.invitedAt !== null && turnOf(process, party).ok);
}

/** An action to carry out, with what its challenges collected. */
export interface ActionRequest {
  account: string;
  action: ActionType;
  /** Reason of a SIGNATURE_REJECTION. */
  comment?: string;
  /** Party ids selected for DOCUMENT_REMINDER_SENT. */
  reminderPartyIds?: string[];
}

interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The party whose signing page the mail links to. */
  party?: StoredParty;
  /** Set when Autenti writes for the sender (an invitation, a reminder, a withdrawal), not on its own account. */
  fromSender?: true;
}

const EVENT_TYPE = 'EVENT_CLASSIFIER-UNIQUE_TYPE:';
const hexOf = (partyId: string) => partyId.slice(partyId.lastIndexOf(':') + 1);

function makeEvent(
  context: SandboxContext,
  process: StoredProcess,
  type: string,
  actorId: string,
  extra: { classifiers?: string[]; attributes?: Record<string, unknown>; repeatable?: boolean },
): SandboxEvent {
  process.eventCount += 1;
  // Seed: "EVENT-AUTENTI:87c61861-DOCUMENT_SENT" — the actor's hex, then the type; repeatable events get a counter.
  const id = `EVENT-AUTENTI:${hexOf(actorId)}-${type}${extra.repeatable ? `-${process.eventCount}` : ''}`;
  return {
    timestamp: context.now().toISOString(),
    id,
    eventType: EVENT_TYPE + type,
    ...(extra.classifiers ? { classifiers: extra.classifiers } : {}),
    actor: { id: actorId },
    object: { id: process.id, type: 'EVENT_OBJECT-TYPE:DOCUMENT_PROCESS' },
    attributes: extra.attributes ?? {},
  };
}

/** Invites every party whose turn has come and who was not invited yet. */
function inviteDue(context: SandboxContext, process: StoredProcess, mails: Mail[]): void {
  const sender = nameFromEmail(process.ownerEmail).name;
  for (const party of process.parties) {
    if (party.participationStatus !== 'PENDING' || party.invitedAt !== null || !turnOf(process, party).ok) continue;
    party.invitedAt = context.now().toISOString();
    mails.push({
      to: party.email,
      party,
      fromSender: true,
      subject: `Please ${verbOf[party.role]}: ${process.title}`,
      text: `${sender} (${process.ownerEmail}) sent you "${process.title}" in Autenti (sandbox). Open the link to ${verbOf[party.role]} it.`,
    });
  }
}

/**
 * Carries out `request.action` for `request.account` on the process, alone (per-process lock): checks
 * it is still offered, changes the process, produces signed files, saves, then mails and calls back.
 * Throws 409 when the action is not (or no longer) available, with the reason. Answers the events the
 * action produced, the action's own first (a last signature also completes the process).
 */
export async function performAction(context: SandboxContext, processId: string, request: ActionRequest): Promise<SandboxEvent[]> {
  return context.withProcessLock(processId, async () => {
    const process = context.store.getProcess(processId);
    if (!process) throw problems.notFound(`No document process ${processId}.`);
    const offered = offeredActions(process, request.account);
    if (!offered.actions.includes(request.action)) {
      throw problems.conflict(`${request.account} cannot ${request.action} now: ${offered.reason}.`, { currentStatus: process.status });
    }
    const now = context.now().toISOString();
    const party = process.parties.find((candidate) => candidate.email === request.account);
    const events: SandboxEvent[] = [];
    const mails: Mail[] = [];
    // Sent after the invitations this action causes, so that "Completed" is the last word.
    const closingMails: Mail[] = [];
    let filesToPut: StoredFile[] = [];
    let filesToRemove: StoredFile[] = [];
    const record = (target: ParticipationEvent[], eventType: ParticipationEvent['eventType'], attributes?: ParticipationEvent['attributes']) =>
      target.push({ eventType, timestamp: now, ...(attributes ? { attributes } : {}) });

    switch (request.action) {
      case 'DOCUMENT_SENT': {
        const sources = context.store.listFiles(process.id).filter((file) => file.purpose === 'SOURCE_FILE');
        if (sources.length === 0) throw problems.conflict(`Cannot send ${process.id}: upload at least one file first (POST …/files).`);
        if (!process.parties.some(blocksOthers)) throw problems.conflict(`Cannot send ${process.id}: add at least one SIGNER or APPROVER party first (PUT or PATCH parties).`);
        // A signature box must point at a file that will be signed; the file id is known only after upload.
        for (const [index, candidate] of process.parties.entries()) {
          for (const box of visualisationsOf(candidate)) {
            if (!sources.some((file) => file.id === box.fileId)) {
              throw problems.conflict(
                `Cannot send ${process.id}: parties[${index}] (${candidate.email}) has a VISUALISATION on ${box.fileId}, which is not a source file of this process (source files: ${sources.map((file) => file.id).join(', ')}).`,
              );
            }
          }
        }
        process.status = 'PROCESSING';
        record(process.senderEvents, 'SUBMISSION');
        // Seed 003 "Discovering tags": the ORGANIZATION_IMPLICIT tag is "added automatically upon sending".
        if (!process.tagIds.includes(IMPLICIT_TAG_ID)) process.tagIds.unshift(IMPLICIT_TAG_ID);
        events.push(makeEvent(context, process, 'DOCUMENT_SENT', process.senderPartyId, { classifiers: ['EVENT_CLASSIFIER-PROCESS:CREATE'] }));
        break;
      }
      case 'SIGNATURE_APPLICATION':
      case 'APPROVAL':
      case 'VIEWING': {
        const actor = party!;
        if (request.action === 'SIGNATURE_APPLICATION') {
          const change = await addSignature(context, process, actor);
          filesToPut = change.put;
        }
        actor.participationStatus = 'COMPLETED';
        const participation = request.action === 'SIGNATURE_APPLICATION' ? 'SIGNATURE' : request.action === 'APPROVAL' ? 'APPROVAL' : 'VIEWING';
        // A viewer who already opened the document has its VIEWING event; it is not written twice.
        if (!(participation === 'VIEWING' && actor.participationEvents.some((event) => event.eventType === 'VIEWING'))) record(actor.participationEvents, participation);
        if (request.action === 'VIEWING' && !process.flags.includes('FLAG:VIEWED')) process.flags.push('FLAG:VIEWED');
        const family = request.action === 'SIGNATURE_APPLICATION' ? 'SIGNATURE' : request.action === 'APPROVAL' ? 'APPROVAL' : 'VIEWING';
        events.push(makeEvent(context, process, request.action, actor.id, { classifiers: [`EVENT_CLASSIFIER-PROCESS:${family}`] }));
        if (process.status === 'PROCESSING' && process.parties.filter(blocksOthers).every((p) => p.participationStatus === 'COMPLETED')) {
          const final = await finalizeSignedContent(context, process, filesToPut);
          filesToPut = [...filesToPut.filter((file) => file.purpose !== 'PARTIALLY_SIGNED_CONTENT_FILE'), ...final.put];
          filesToRemove = final.remove;
          process.status = 'COMPLETED';
          // Not in the seed: the event list "is an open one"; clients must tolerate events they do not know.
          events.push(makeEvent(context, process, 'DOCUMENT_COMPLETED', process.senderPartyId, { classifiers: ['EVENT_CLASSIFIER-PROCESS:COMPLETION'] }));
          for (const to of new Set([process.ownerEmail, ...process.parties.map((p) => p.email)])) {
            const member = process.parties.find((p) => p.email === to);
            closingMails.push({
              to,
              ...(member ? { party: member } : {}),
              subject: `Completed: ${process.title}`,
              text: `Everyone has taken part in "${process.title}". The signed document is ready to download.`,
            });
          }
        }
        break;
      }
      case 'SIGNATURE_REJECTION': {
        const actor = party!;
        const comment = (request.comment ?? '').trim();
        if (comment === '') throw problems.badRequest('A rejection needs a reason.');
        actor.participationStatus = 'REJECTED';
        // Sandbox addition: the reason is kept with the party's participation event too, as attributes.comment.
        record(actor.participationEvents, 'REJECTION', { comment });
        process.status = 'REJECTED';
        events.push(makeEvent(context, process, 'SIGNATURE_REJECTION', actor.id, { classifiers: ['EVENT_CLASSIFIER-PROCESS:SIGNATURE'], attributes: { comment } }));
        mails.push({ to: process.ownerEmail, subject: `Rejected: ${process.title}`, text: `${actor.name} (${actor.email}) refused "${process.title}": ${comment}` });
        break;
      }
      case 'DOCUMENT_WITHDRAWAL': {
        process.status = 'WITHDRAWN';
        record(process.senderEvents, 'WITHDRAWAL');
        // Seed's withdrawal event has no "classifiers" member; kept that way.
        events.push(makeEvent(context, process, 'DOCUMENT_WITHDRAWAL', process.senderPartyId, {}));
        for (const invited of process.parties.filter((p) => p.invitedAt !== null)) {
          mails.push({ to: invited.email, fromSender: true, subject: `Withdrawn: ${process.title}`, text: `${process.ownerEmail} withdrew "${process.title}". There is nothing left to do.` });
        }
        break;
      }
      case 'DOCUMENT_REMINDER_SENT': {
        const selectable = remindableParties(process);
        const chosen = selectable.filter((p) => request.reminderPartyIds?.includes(p.id));
        if (chosen.length === 0) throw problems.conflict('No party to remind: select at least one party that is still to act.');
        for (const target of chosen) {
          mails.push({
            to: target.email,
            party: target,
            fromSender: true,
            subject: `Reminder: please ${verbOf[target.role]} ${process.title}`,
            text: `${process.ownerEmail} reminds you that "${process.title}" is waiting for you in Autenti (sandbox).`,
          });
        }
        events.push(makeEvent(context, process, 'DOCUMENT_REMINDER_SENT', process.senderPartyId, { classifiers: ['EVENT_CLASSIFIER-PROCESS:NOTIFICATION'], repeatable: true }));
        break;
      }
    }
    inviteDue(context, process, mails);
    mails.push(...closingMails);

    context.store.transaction(() => {
      for (const file of filesToRemove) context.store.deleteFile(process.id, file.id);
      for (const file of filesToPut) context.store.putFile(file);
      saveProcess(context, process);
      for (const event of events) context.store.addEvent(process.id, event);
    });
    for (const mail of mails) {
      context.mailbox.send({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        link: mail.party ? signingPath(context, mail.party) : null,
        linkText: mail.party ? 'Open the signing page' : null,
        from: mail.fromSender ? process.ownerEmail : null,
      });
    }
    context.callbacks.dispatch(process.ownerClientId, process.id, events);
    return events;
  });
}

/** Absolute path (mount prefix included) of a party's signing page; the mailbox makes it a URL per request. */
export function signingPath(context: SandboxContext, party: StoredParty): string {
  return `${context.prefix}/_sandbox/sign/${party.signingToken}`;
}

/** Records that a party opened the document (signing page or download): a VIEWING participation event, once. */
export async function recordViewing(context: SandboxContext, processId: string, email: string): Promise<void> {
  await context.withProcessLock(processId, async () => {
    const process = context.store.getProcess(processId);
    const party = process?.parties.find((candidate) => candidate.email === email);
    if (!process || !party || process.status === 'DRAFT' || party.participationEvents.some((event) => event.eventType === 'VIEWING')) return;
    party.participationEvents.push({ eventType: 'VIEWING', timestamp: context.now().toISOString() });
    if (!process.flags.includes('FLAG:VIEWED')) process.flags.push('FLAG:VIEWED');
    saveProcess(context, process);
  });
}
