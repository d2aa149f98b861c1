import type { FastifyPluginAsync } from 'fastify';
import { mailboxRoutes } from '../mailbox.js';
import { phoneOutboxRoute } from '../outbox-pages.js';
import { changeMutableClaims, createApiUser, type NewApiUser } from './api-users.js';
import type { ConsignoContext } from './context.js';
import { refusals } from './errors.js';
import { page, PROVIDER_NAME } from './html.js';
import { faultRoutes } from './faults.js';
import { secondFactorsOf, WORKFLOW_STATUS } from './model.js';
import { workflowControlView } from './views.js';
import { act, callBack, expireDueWorkflows, expireIfDue } from './workflow.js';

/**
 * The control routes (`/_sandbox/…` but the signing pages; guarded when the sandbox is): what Notarius
 * staff or a person's phone and inbox would do — API users and their tenant settings, the clock,
 * faults and the call log, a workflow's whole state, acting as a signer, the mailbox and the phone outbox.
 */

/** The in-process control the mounting server gets through `onControl` (provisioning its built-in connection). */
export interface ConsignoSandboxControl {
  /** Adds an API user (as Notarius hands one out); the password is returned once. */
  createApiUser(input: { name: string; secondFactorRequired?: boolean; embeddedAllowed?: boolean }): Promise<{ username: string; password: string }>;
}

export function createProgrammaticControl(context: ConsignoContext): ConsignoSandboxControl {
  return {
    async createApiUser(input) {
      return createApiUser(context.store, input, context.now());
    },
  };
}

const OUTBOX_PAGES = { page, provider: PROVIDER_NAME };

export function controlRoutes(context: ConsignoContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(faultRoutes(context.faults));
    await app.register(mailboxRoutes(context.mailbox, OUTBOX_PAGES));

    app.post('/api-users', async (request, reply) => {
      const body = (request.body ?? {}) as Partial<NewApiUser>;
      if (typeof body !== 'object' || typeof body.name !== 'string') throw refusals.invalid('Send {"name": "…"} (and optionally secondFactorRequired, embeddedAllowed): a name for the API user.', 'name');
      return reply.code(201).send(createApiUser(context.store, body as NewApiUser, context.now()));
    });

    app.patch('/api-users/:username', async (request) => {
      const user = changeMutableClaims(context.store, (request.params as { username: string }).username, (request.body ?? {}) as Record<string, unknown>);
      return { username: user.username, secondFactorRequired: user.secondFactorRequired, embeddedAllowed: user.embeddedAllowed, lang: user.lang, ver: user.ver };
    });

    app.get('/clock', async () => ({ now: context.now().getTime() }));
    app.post('/clock', async (request) => {
      const advanceMs = (request.body as { advanceMs?: unknown } | undefined)?.advanceMs;
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
        throw refusals.invalid('Send {"advanceMs": N}: how far to move the sandbox clock forward, in milliseconds.', 'advanceMs');
      }
      const now = context.advanceClock(advanceMs);
      await expireDueWorkflows(context);
      return { now: now.getTime() };
    });

    // Every workflow in brief, whoever owns it: a crash test finds the workflow whose id Countersign lost.
    app.get('/workflows', async () =>
      context.store.listWorkflows().map((workflow) => ({
        id: workflow.id,
        name: workflow.name,
        owner: workflow.owner,
        status: workflow.status,
        createdOn: workflow.createdOn,
        documentIds: workflow.documents.map((document) => document.documentId),
      })),
    );

    app.get('/workflows/:id', async (request) => {
      const { id } = request.params as { id: string };
      const workflow = await context.withWorkflowLock(id, async () => {
        const found = context.store.getWorkflow(id);
        if (!found) throw refusals.notFound(`No workflow ${id}.`, id);
        if (expireIfDue(context, found)) {
          context.store.putWorkflow(found);
          callBack(context, found, 'WORKFLOW_EXPIRED');
        }
        return found;
      });
      return workflowControlView(context, request, workflow);
    });

    app.post('/workflows/:id/signers/:email/actions', async (request) => {
      const { id, email } = request.params as { id: string; email: string };
      const body = (request.body ?? {}) as { action?: unknown; reason?: unknown };
      if (body.action !== 'sign' && body.action !== 'decline') throw refusals.invalid('action must be "sign" or "decline".', 'action');
      const workflow = context.store.getWorkflow(id);
      if (!workflow) throw refusals.notFound(`No workflow ${id}.`, id);
      const action = workflow.actions.find(
        (candidate) => candidate.signer.email.toLowerCase() === email.toLowerCase() && (candidate.status === 'STARTED' || candidate.status === 'IN_PROGRESS'),
      );
      if (!action || workflow.status !== WORKFLOW_STATUS.launched) {
        throw refusals.conflict(`${email} has no STARTED or IN_PROGRESS action in workflow ${id} (workflow status ${workflow.status}).`);
      }
      // Acting for the person: the second factor counts as passed, the first the action asks.
      await act(context, id, action.id, { action: body.action, reason: typeof body.reason === 'string' ? body.reason : null, secondFactor: secondFactorsOf(action.signer)[0] ?? null });
      return workflowControlView(context, request, context.store.getWorkflow(id)!);
    });

    phoneOutboxRoute(app, OUTBOX_PAGES, (to) => context.store.listOutbox(to), (message) => message);
  };
}
