import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderAuditTrail } from './audit-trail.js';
import type { ConsignoContext } from './context.js';
import { refusals } from './errors.js';
import { sha256Of } from '../file-hash.js';
import { filePath, newId, workflowFile } from './files.js';
import {
  actorOf,
  fullName,
  signsPdf,
  WORKFLOW_STATUS,
  type SecondFactor,
  type StoredAction,
  type StoredWorkflow,
} from './model.js';
import { signForSigner } from './signed-output.js';
import { signingPath } from './views.js';
import type { WebhookEvent } from './webhooks.js';
import { zonesOf } from './workflow-create.js';

/**
 * The life of a workflow (seed 002 "/workflows"): launch, steps (same step in parallel, steps in
 * order), invitations by email for remote signers, signing (each signer's signature added to the
 * documents at once, so downloads show the current state), decline, completion (audit trail,
 * notifications, owner emails), expiry on the sandbox clock, deletion; every change called back to
 * the workflow's webhooks.
 */

const OPEN_STATUSES: number[] = [WORKFLOW_STATUS.created, WORKFLOW_STATUS.launched];

export function recordEvent(context: ConsignoContext, workflow: StoredWorkflow, actor: string, event: string, secondFactor: string | null = null, detail: string | null = null): void {
  workflow.events.push({ at: context.now().getTime(), actor, event, secondFactor, detail });
}

/** Marks the workflow changed now (its `modifiedOn` and `version`). */
function touch(context: ConsignoContext, workflow: StoredWorkflow): void {
  workflow.modifiedOn = context.now().getTime();
  workflow.version += 1;
}

function setStatus(context: ConsignoContext, workflow: StoredWorkflow, status: StoredWorkflow['status']): void {
  workflow.status = status;
  workflow.statusDate = context.now().getTime();
}

function setActionStatus(context: ConsignoContext, action: StoredAction, status: StoredAction['status']): void {
  action.status = status;
  action.statusDate = context.now().getTime();
}

/** Sends one webhook event to every URL of the workflow. */
export function callBack(context: ConsignoContext, workflow: StoredWorkflow, eventType: WebhookEvent, action: StoredAction | null = null): void {
  context.webhooks.send(
    workflow.webhooks.map((hook) => hook.url),
    { eventType, workflowId: workflow.id, actionId: action?.id ?? null, workflowStatus: workflow.status, timestamp: context.now().getTime() },
  );
}

function ownerEmail(context: ConsignoContext, workflow: StoredWorkflow, subject: string, text: string): void {
  if (workflow.workflowOwnerEmailsEnabled) context.mailbox.send({ to: workflow.ownerEmail, subject, text });
}

/** Opens the lowest step with open actions: its NOT_STARTED actions become STARTED and remote ones are invited. */
function openNextStep(context: ConsignoContext, workflow: StoredWorkflow): StoredAction[] {
  const open = workflow.actions.filter((action) => action.status !== 'COMPLETED');
  if (open.length === 0) return [];
  const step = Math.min(...open.map((action) => action.step));
  const opened = open.filter((action) => action.step === step && action.status === 'NOT_STARTED');
  for (const action of opened) {
    setActionStatus(context, action, 'STARTED');
    if (action.mode === 'remote') {
      const verb = action.signer.type === 'approver' ? 'approve' : 'sign';
      context.mailbox.send({
        to: action.signer.email,
        subject: action.signer.lang === 'fr' ? `Signature demandée : « ${workflow.name} »` : `Please ${verb} "${workflow.name}"`,
        text: `Dear ${fullName(action.signer)},\n\nYou are asked to ${verb} the documents of "${workflow.name}". Open the link to read and ${verb} them.`,
        link: signingPath(context, action),
        linkText: action.signer.lang === 'fr' ? 'Ouvrir la page de signature' : 'Open the signing page',
        from: workflow.ownerEmail,
      });
      recordEvent(context, workflow, 'system', `Invitation sent to ${actorOf(action.signer)}`);
    }
  }
  return opened;
}

/** Created → launched: opens step 1 and invites it. The caller saves; then {@link announceLaunch}. */
export function launch(context: ConsignoContext, workflow: StoredWorkflow): StoredAction[] {
  setStatus(context, workflow, WORKFLOW_STATUS.launched);
  recordEvent(context, workflow, 'system', 'Workflow launched');
  return openNextStep(context, workflow);
}

export function announceLaunch(context: ConsignoContext, workflow: StoredWorkflow, opened: StoredAction[]): void {
  callBack(context, workflow, 'WORKFLOW_LAUNCHED');
  for (const action of opened) callBack(context, workflow, 'ACTION_STARTED', action);
}

/** A created or launched workflow past `expiresOn` becomes expired (status 3). Answers whether it changed. */
export function expireIfDue(context: ConsignoContext, workflow: StoredWorkflow): boolean {
  if (!OPEN_STATUSES.includes(workflow.status) || workflow.expiresOn === null || workflow.expiresOn > context.now().getTime()) return false;
  setStatus(context, workflow, WORKFLOW_STATUS.expired);
  touch(context, workflow);
  recordEvent(context, workflow, 'system', 'Workflow expired');
  return true;
}

/** Re-reads the workflow under its lock and expires it when due (saved and called back). */
export async function expireWorkflow(context: ConsignoContext, id: string): Promise<void> {
  await context.withWorkflowLock(id, async () => {
    const workflow = context.store.getWorkflow(id);
    if (workflow && expireIfDue(context, workflow)) {
      context.store.putWorkflow(workflow);
      callBack(context, workflow, 'WORKFLOW_EXPIRED');
    }
  });
}

/** Expires every due workflow (the sweep's and the clock route's work). */
export async function expireDueWorkflows(context: ConsignoContext): Promise<void> {
  for (const id of context.store.dueForExpiry(context.now().getTime())) await expireWorkflow(context, id);
}

/** Every document with this signer's signature added in their first zone there (signers who sign PDFs). */
async function signDocumentsFor(context: ConsignoContext, workflow: StoredWorkflow, action: StoredAction): Promise<void> {
  if (!signsPdf(action.signer.type)) return;
  const emulated = action.signer.type === 'esig' ? '' : ` (${action.signer.type} emulated as esig)`;
  for (const [index, document] of workflow.documents.entries()) {
    const zones = zonesOf(action, document.zones);
    if (zones.length === 0) continue;
    const relative = workflowFile(workflow.id, `${document.documentId}.${action.id}.pdf`);
    await mkdir(dirname(filePath(context, relative)), { recursive: true });
    await signForSigner({
      pdfPath: filePath(context, document.currentPath),
      outPath: filePath(context, relative),
      zones,
      signerName: fullName(action.signer) || action.signer.email,
      email: action.signer.email,
      reason: `Signed with ConsignO sandbox${emulated}${action.signer.clientUserId ? `; client user ${action.signer.clientUserId}` : ''}`,
      authority: context.authority,
      at: context.now(),
    });
    workflow.documents[index] = { ...document, currentPath: relative };
  }
}

/** Completion: the audit trail (a PDF of every event), notifications to contacts, the owner's email. */
async function complete(context: ConsignoContext, workflow: StoredWorkflow): Promise<void> {
  setStatus(context, workflow, WORKFLOW_STATUS.completed);
  recordEvent(context, workflow, 'system', 'Workflow completed');
  const documents = await Promise.all(workflow.documents.map(async (document) => ({ name: document.name, sha256: await sha256Of(filePath(context, document.currentPath)) })));
  const pdf = await renderAuditTrail({
    workflowId: workflow.id,
    name: workflow.name,
    ownerEmail: workflow.ownerEmail,
    documents,
    entries: workflow.events.map((event) => ({ at: new Date(event.at), actor: event.actor, event: event.event, secondFactor: event.secondFactor, detail: event.detail })),
    generatedAt: context.now(),
  });
  const path = workflowFile(workflow.id, 'audit-trail.pdf');
  await mkdir(dirname(filePath(context, path)), { recursive: true });
  await writeFile(filePath(context, path), pdf);
  workflow.auditTrail = { documentId: newId(), path, sha256: await sha256Of(filePath(context, path)) };
  for (const { contact } of workflow.notifications) {
    context.mailbox.send({
      to: contact.email,
      subject: `Completed: "${workflow.name}"`,
      text: `Every signer completed "${workflow.name}". The final documents are at the link.`,
      link: `${context.prefix}/_sandbox/final/${workflow.finalToken}`,
      linkText: 'Download the signed documents',
    });
  }
  ownerEmail(context, workflow, `Completed: "${workflow.name}"`, `Every signer completed "${workflow.name}".`);
}

export interface SignerAct {
  action: 'sign' | 'decline';
  reason?: string | null;
  /** The second factor passed (recorded in `secondFactorUsed` and the audit trail). */
  secondFactor: SecondFactor | null;
}

/**
 * One signer acts on their STARTED or IN_PROGRESS action: sign (or approve) — their signature goes
 * into the documents, the next step opens or the workflow completes — or decline with a reason (the
 * workflow is declined). Saves and calls back.
 */
export async function act(context: ConsignoContext, workflowId: string, actionId: string, input: SignerAct): Promise<StoredWorkflow> {
  return context.withWorkflowLock(workflowId, async () => {
    const workflow = context.store.getWorkflow(workflowId);
    if (!workflow) throw refusals.notFound(`No workflow ${workflowId}.`, workflowId);
    if (expireIfDue(context, workflow)) {
      context.store.putWorkflow(workflow);
      callBack(context, workflow, 'WORKFLOW_EXPIRED');
    }
    const action = workflow.actions.find((candidate) => candidate.id === actionId);
    if (!action) throw refusals.notFound(`Workflow ${workflowId} has no action ${actionId}.`, actionId);
    if (workflow.status !== WORKFLOW_STATUS.launched) throw refusals.conflict(`Workflow ${workflowId} has status ${workflow.status}; nobody can act on it.`);
    if (action.status !== 'STARTED' && action.status !== 'IN_PROGRESS') throw refusals.conflict(`The action of ${action.signer.email} is ${action.status}; it cannot be acted on now.`);
    const actor = actorOf(action.signer);
    if (input.secondFactor) action.secondFactorUsed = [...new Set([...action.secondFactorUsed, input.secondFactor])];
    action.otp = null;
    action.completedAt = context.now().getTime();
    touch(context, workflow);
    if (input.action === 'decline') {
      const reason = (input.reason ?? '').trim();
      if (!reason) throw refusals.invalid('A reason is required to decline.', 'reason');
      setActionStatus(context, action, 'DECLINED');
      action.declineReason = reason;
      setStatus(context, workflow, WORKFLOW_STATUS.declined);
      recordEvent(context, workflow, actor, 'Declined', input.secondFactor, reason);
      recordEvent(context, workflow, 'system', 'Workflow declined');
      ownerEmail(context, workflow, `Declined: "${workflow.name}"`, `${actor} declined "${workflow.name}": ${reason}`);
      context.store.putWorkflow(workflow);
      callBack(context, workflow, 'ACTION_DECLINED', action);
      callBack(context, workflow, 'WORKFLOW_DECLINED');
      return workflow;
    }
    await signDocumentsFor(context, workflow, action);
    setActionStatus(context, action, 'COMPLETED');
    recordEvent(context, workflow, actor, action.signer.type === 'approver' ? 'Approved' : 'Signed', input.secondFactor, action.signer.clientUserId ? `client user ${action.signer.clientUserId}` : null);
    const stepDone = workflow.actions.filter((other) => other.step === action.step).every((other) => other.status === 'COMPLETED');
    let opened: StoredAction[] = [];
    if (workflow.actions.every((other) => other.status === 'COMPLETED')) await complete(context, workflow);
    else if (stepDone) {
      ownerEmail(context, workflow, `Step ${action.step} completed: "${workflow.name}"`, `Step ${action.step} of "${workflow.name}" is completed.`);
      opened = openNextStep(context, workflow);
    }
    context.store.putWorkflow(workflow);
    callBack(context, workflow, 'ACTION_COMPLETED', action);
    for (const next of opened) callBack(context, workflow, 'ACTION_STARTED', next);
    if ((workflow.status as number) === WORKFLOW_STATUS.completed) callBack(context, workflow, 'WORKFLOW_COMPLETED');
    return workflow;
  });
}

/** `DELETE /workflows/{id}`: status 6, every link dies, the files are removed. */
export async function deleteWorkflow(context: ConsignoContext, workflow: StoredWorkflow): Promise<void> {
  if (workflow.status === WORKFLOW_STATUS.deleted) throw refusals.conflict(`Workflow ${workflow.id} is already deleted.`);
  setStatus(context, workflow, WORKFLOW_STATUS.deleted);
  touch(context, workflow);
  recordEvent(context, workflow, 'system', 'Workflow deleted');
  context.store.putWorkflow(workflow);
  await rm(filePath(context, workflowFile(workflow.id, '')), { recursive: true, force: true });
  await Promise.all(workflow.documents.map((document) => rm(filePath(context, document.sourcePath), { force: true })));
  callBack(context, workflow, 'WORKFLOW_DELETED');
}

/** The signing page was opened, or a code sent: STARTED → IN_PROGRESS. Answers whether it changed. */
export function markInProgress(context: ConsignoContext, workflow: StoredWorkflow, action: StoredAction): boolean {
  if (workflow.status !== WORKFLOW_STATUS.launched || action.status !== 'STARTED') return false;
  setActionStatus(context, action, 'IN_PROGRESS');
  touch(context, workflow);
  recordEvent(context, workflow, actorOf(action.signer), 'Opened the signing page');
  return true;
}
