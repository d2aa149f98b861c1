import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { writeZip } from '../zip-archive.js';
import { readFile } from 'node:fs/promises';
import { sessionOf } from './auth.js';
import type { ConsignoContext } from './context.js';
import { refusals } from './errors.js';
import { asObject } from './fields.js';
import { filePath } from './files.js';
import { WORKFLOW_STATUS, type StoredWorkflow, type UploadedDocument } from './model.js';
import { answer, workflowView } from './views.js';
import { announceLaunch, callBack, deleteWorkflow, expireIfDue, launch, recordEvent } from './workflow.js';
import { checkLaunchable, discard, newWorkflowId, readDocuments, readWorkflowBody } from './workflow-create.js';

/**
 * Seed 002 "/workflows": create (and launch), get, delete, and the two downloads (`POST`, the token
 * as a request parameter): the documents (one PDF, or a ZIP of several) and the audit trail.
 */

/**
 * The caller's workflow `id`, a due expiry applied first (checked on every read, and by a sweep).
 * Another user's workflow is refused with 403 `4003`.
 */
export function loadWorkflow(context: ConsignoContext, request: FastifyRequest, id: string): StoredWorkflow {
  const workflow = context.store.getWorkflow(id);
  if (!workflow) throw refusals.notFound(`No workflow ${id}.`, id);
  if (workflow.owner !== sessionOf(request).username) throw refusals.forbidden(`Workflow ${id} belongs to another user; log in as its owner.`);
  if (expireIfDue(context, workflow)) {
    context.store.putWorkflow(workflow);
    callBack(context, workflow, 'WORKFLOW_EXPIRED');
  }
  return workflow;
}

const attachment = (name: string) => `attachment; filename="${name.replace(/[^\w .()-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
const pdfName = (name: string) => (/\.pdf$/i.test(name) ? name : `${name}.pdf`);

/** Sends the workflow's documents as they are now: one PDF, or a ZIP with one entry per document (names made unique). */
export async function sendDocuments(context: ConsignoContext, reply: FastifyReply, workflow: StoredWorkflow): Promise<FastifyReply> {
  if (workflow.status === WORKFLOW_STATUS.deleted) throw refusals.notFound(`Workflow ${workflow.id} was deleted; its documents are gone.`, workflow.id);
  if (workflow.documents.length === 1) {
    const [document] = workflow.documents;
    return reply.type('application/pdf').header('content-disposition', attachment(pdfName(document!.name))).send(createReadStream(filePath(context, document!.currentPath)));
  }
  const used = new Set<string>();
  const entries = await Promise.all(
    workflow.documents.map(async (document) => {
      let name = pdfName(document.name);
      for (let n = 2; used.has(name); n += 1) name = pdfName(`${document.name.replace(/\.pdf$/i, '')} (${n})`);
      used.add(name);
      return { name, bytes: await readFile(filePath(context, document.currentPath)) };
    }),
  );
  return reply.type('application/zip').header('content-disposition', attachment(`${workflow.name}.zip`)).send(await writeZip(entries, context.now()));
}

export function workflowRoutes(context: ConsignoContext): FastifyPluginAsync {
  return async (app) => {
    // Inline documents come as base64 inside the JSON: the body may be a third larger than the files.
    app.post('/workflows', { bodyLimit: Math.ceil(context.maxFileBytes * 1.4) + 1024 * 1024 }, async (request) => {
      const session = sessionOf(request);
      const owner = context.store.getUser(session.username)!;
      const body = asObject(request.body, 'The body');
      const read = readWorkflowBody(context, body, owner);
      // One create at a time: a documentId is checked free and taken in one go.
      const workflow = await context.withWorkflowLock('create', async () => {
        const created: UploadedDocument[] = [];
        try {
          const { documents, taken } = await readDocuments(context, body, owner.username, created);
          const at = context.now().getTime();
          const workflow: StoredWorkflow = {
            id: newWorkflowId(),
            version: 1,
            owner: owner.username,
            ownerEmail: owner.email,
            name: read.name,
            status: WORKFLOW_STATUS.created,
            statusDate: at,
            createdOn: at,
            modifiedOn: at,
            expiresOn: read.expiresOn,
            pdfaPolicy: read.pdfaPolicy,
            returnUrl: read.returnUrl,
            workflowOwnerEmailsEnabled: read.workflowOwnerEmailsEnabled,
            documents,
            actions: read.actions.map((action) => ({ ...action, statusDate: at })),
            notifications: read.notifications,
            webhooks: read.webhooks,
            auditTrail: null,
            finalToken: randomBytes(24).toString('base64url'),
            events: [],
          };
          if (read.status === 1) checkLaunchable(workflow, owner);
          recordEvent(context, workflow, `${owner.firstName} ${owner.lastName}`.trim() + ` <${owner.email}>`, 'Workflow created');
          const opened = read.status === 1 ? launch(context, workflow) : [];
          context.store.insertWorkflow(workflow);
          for (const document of [...taken, ...created]) context.store.putDocument({ ...document, workflowId: workflow.id });
          if (read.status === 1) announceLaunch(context, workflow, opened);
          return workflow;
        } catch (error) {
          await discard(context, created);
          throw error;
        }
      });
      return answer('Workflow created', workflowView(context, request, workflow));
    });

    app.get('/workflows/:id', async (request) => answer('Workflow found', workflowView(context, request, loadWorkflow(context, request, (request.params as { id: string }).id))));

    app.delete('/workflows/:id', async (request) => {
      const { id } = request.params as { id: string };
      const workflow = await context.withWorkflowLock(id, async () => {
        const found = loadWorkflow(context, request, id);
        await deleteWorkflow(context, found);
        return found;
      });
      return answer('Workflow deleted', workflowView(context, request, workflow));
    });

    app.post('/workflows/:id/documents', async (request, reply) =>
      sendDocuments(context, reply, loadWorkflow(context, request, (request.params as { id: string }).id)),
    );

    app.post('/workflows/:id/audit', async (request, reply) => {
      const workflow = loadWorkflow(context, request, (request.params as { id: string }).id);
      if (workflow.status !== WORKFLOW_STATUS.completed || !workflow.auditTrail) {
        throw refusals.conflict(`Workflow ${workflow.id} has status ${workflow.status}; its audit trail exists once it is completed (2).`);
      }
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`${workflow.name} - audit trail.pdf`))
        .send(createReadStream(filePath(context, workflow.auditTrail.path)));
    });
  };
}
