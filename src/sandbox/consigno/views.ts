import type { FastifyRequest } from 'fastify';
import type { ConsignoContext } from './context.js';
import { sha256Of } from '../file-hash.js';
import { filePath } from './files.js';
import { WORKFLOW_STATUS, type StoredAction, type StoredWorkflow } from './model.js';

/**
 * The workflow as the API answers it (the reference facts' workflow `response`): dates in epoch
 * milliseconds, ids of 24 hex characters, and an absolute `signingUrl` for embedded actions once
 * launched (remote signers get theirs by email only). A secret answer is never shown.
 */

/** The signing page's path (the mailbox makes it absolute when it lists a message). */
export const signingPath = (context: ConsignoContext, action: StoredAction) => `${context.prefix}/_sandbox/sign/${action.token}`;

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The `{msg, parameters, response}` wrapper of every successful JSON answer. */
export const answer = (msg: string, response: unknown) => ({ msg, parameters: null, response });

export function workflowView(context: ConsignoContext, request: FastifyRequest, workflow: StoredWorkflow) {
  const linked = workflow.status !== WORKFLOW_STATUS.created && workflow.status !== WORKFLOW_STATUS.deleted;
  return {
    id: workflow.id,
    version: workflow.version,
    name: workflow.name,
    status: workflow.status,
    documents: workflow.documents.map((document) => ({
      documentId: document.documentId,
      name: document.name,
      originalDocumentId: document.originalDocumentId,
      pages: document.pages,
      fields: document.zones.map((zone) => ({ x: zone.x, y: zone.y, width: zone.width, height: zone.height, page: zone.page, assignedTo: zone.assignedTo })),
    })),
    totalActions: workflow.actions.length,
    remainingActions: workflow.actions.filter((action) => action.status !== 'COMPLETED').length,
    createdOn: workflow.createdOn,
    modifiedOn: workflow.modifiedOn,
    expiresOn: workflow.expiresOn,
    statusDate: workflow.statusDate,
    auditTrailDocumentId: workflow.auditTrail?.documentId ?? null,
    webhooks: workflow.webhooks,
    notifications: workflow.notifications,
    editUrl: `${origin(request)}${context.prefix}/_sandbox/edit/${workflow.id}`,
    ownerEmail: workflow.ownerEmail,
    workflowOwnerEmailsEnabled: workflow.workflowOwnerEmailsEnabled,
    actions: workflow.actions.map((action) => ({
      id: action.id,
      ref: action.ref,
      step: action.step,
      mode: action.mode,
      returnUrl: action.returnUrl,
      signer: {
        type: action.signer.type,
        firstName: action.signer.firstName,
        lastName: action.signer.lastName,
        email: action.signer.email,
        phone: action.signer.phone,
        amr: action.signer.amr,
        lang: action.signer.lang,
        clientUserId: action.signer.clientUserId,
        ref: action.signer.ref,
      },
      status: action.status,
      statusDate: action.statusDate,
      secondFactorUsed: action.secondFactorUsed,
      declineReason: action.declineReason,
      signingUrl: action.mode === 'embedded' && linked ? `${origin(request)}${signingPath(context, action)}` : null,
    })),
  };
}

/** The control view (`GET /_sandbox/workflows/{id}`): the view plus files' SHA-256, events and webhook deliveries. */
export async function workflowControlView(context: ConsignoContext, request: FastifyRequest, workflow: StoredWorkflow) {
  const view = workflowView(context, request, workflow);
  const deleted = workflow.status === WORKFLOW_STATUS.deleted;
  return {
    ...view,
    documents: await Promise.all(
      view.documents.map(async (document, index) => ({
        ...document,
        sha256: deleted ? null : await sha256Of(filePath(context, workflow.documents[index]!.currentPath)),
        signed: workflow.documents[index]!.currentPath !== workflow.documents[index]!.sourcePath,
      })),
    ),
    auditTrail: workflow.auditTrail && !deleted ? { documentId: workflow.auditTrail.documentId, sha256: workflow.auditTrail.sha256 } : null,
    owner: workflow.owner,
    events: workflow.events,
    webhookDeliveries: context.webhooks.deliveries(workflow.id).map(({ body, attempts, status, lastStatus, lastError }) => ({ body, attempts, status, lastStatus, lastError })),
  };
}
