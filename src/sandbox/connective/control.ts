import type { FastifyPluginAsync } from 'fastify';
import { mailboxRoutes } from '../mailbox.js';
import { phoneOutboxRoute } from '../outbox-pages.js';
import { createApiUser } from './api-users.js';
import type { ConnectiveContext } from './context.js';
import { refusals } from './errors.js';
import { page, PROVIDER_NAME } from './html.js';
import { faultRoutes } from './faults.js';
import { actorsOf, isActing } from './model.js';
import { packageControlView } from './views.js';
import { expireDuePackages, expireIfDue, notify, performAction } from './workflow.js';

/**
 * The control routes (`/_sandbox/…` but the signing pages; guarded when the sandbox is): what
 * Connective's staff or a person's inbox would do — API users, the clock, faults and the call log,
 * every package in brief, a package's whole state, acting as a person, the mailbox and the SMS outbox.
 */

/** The in-process control the mounting server gets through `onControl` (provisioning its built-in connection). */
export interface ConnectiveSandboxControl {
  /** Adds an API user (as Connective hands one out); the password is returned once. */
  createApiUser(input: { name: string }): Promise<{ username: string; password: string }>;
}

export function createProgrammaticControl(context: ConnectiveContext): ConnectiveSandboxControl {
  return {
    async createApiUser({ name }) {
      return createApiUser(context.store, name, context.now());
    },
  };
}

const OUTBOX_PAGES = { page, provider: PROVIDER_NAME };

export function controlRoutes(context: ConnectiveContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(faultRoutes(context.faults));
    await app.register(mailboxRoutes(context.mailbox, OUTBOX_PAGES));

    app.post('/api-users', async (request, reply) => {
      const name = (request.body as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string') throw refusals.invalid('Send {"name": "…"}: a name for the API user.');
      return reply.code(201).send(createApiUser(context.store, name, context.now()));
    });

    app.get('/clock', async () => ({ now: context.now().toISOString() }));
    app.post('/clock', async (request) => {
      const advanceMs = (request.body as { advanceMs?: unknown } | undefined)?.advanceMs;
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) throw refusals.invalid('Send {"advanceMs": N}: how far to move the sandbox clock forward, in milliseconds.');
      const now = context.advanceClock(advanceMs);
      expireDuePackages(context);
      return { now: now.toISOString() };
    });

    // Every package in brief, whoever owns it: a crash test checks that no draft was left behind.
    app.get('/packages', async () =>
      context.store.listAllPackages().map((pkg) => ({
        Id: pkg.id,
        PackageName: pkg.name,
        PackageStatus: pkg.status,
        ExternalPackageReference: pkg.externalReference,
        Owner: pkg.owner,
        CreationTimestamp: pkg.createdAt,
      })),
    );

    app.get('/packages/:id', async (request) => {
      const { id } = request.params as { id: string };
      const pkg = context.store.getPackage(id);
      if (!pkg) throw refusals.packageNotFound(id);
      if (expireIfDue(context, pkg)) {
        context.store.putPackage(pkg);
        notify(context, pkg, null);
      }
      return packageControlView(context, request, pkg);
    });

    app.post('/packages/:id/actors/:email/actions', async (request) => {
      const { id, email } = request.params as { id: string; email: string };
      const body = (request.body ?? {}) as { action?: unknown; reason?: unknown };
      if (body.action !== 'sign' && body.action !== 'reject') throw refusals.invalid('action must be "sign" or "reject".');
      const pkg = context.store.getPackage(id);
      if (!pkg) throw refusals.packageNotFound(id);
      const entry = actorsOf(pkg).find(({ stakeholder, actor }) => stakeholder.email.toLowerCase() === email.toLowerCase() && isActing(actor) && actor.status === 'Available');
      if (!entry) throw refusals.conflict('Actor.NotAvailable', `${email} has no Available signer or approver in package ${id} (package ${pkg.status}).`);
      await performAction(context, id, entry.actor.id, { action: body.action, reason: typeof body.reason === 'string' ? body.reason : null });
      return packageControlView(context, request, context.store.getPackage(id)!);
    });

    phoneOutboxRoute(app, OUTBOX_PAGES, (to) => context.store.listSms(to), (message) => message);
  };
}
