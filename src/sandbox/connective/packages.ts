import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { OutboundRefusedError } from '../../net/outbound-guard.js';
import { apiUserOf } from './api-users.js';
import type { ConnectiveContext } from './context.js';
import { refusals } from './errors.js';
import { asObject, checkEmail, firstOf, optionalText, optionalTimestamp, requiredText, type Body } from './fields.js';
import { PACKAGE_STATUSES, type PackageStatus, type StoredPackage } from './model.js';
import { packageStatusView } from './views.js';
import { expireIfDue, notify, remind, revokePackage, skipSigners, startPackage } from './workflow.js';

/**
 * The package operations of seed 001 but documents and process: Create Package, Get / Set Package
 * Status, Package List, Skip Signers, Package Expiry Extension, Send Package Reminders, Delete Package.
 */

/**
 * The caller's package `id`, with a due expiry applied first (expiry is checked lazily on every read,
 * and by a timer). A package of another API user is not found, as a deleted one.
 */
export function loadPackage(context: ConnectiveContext, request: FastifyRequest, id: string): StoredPackage {
  const pkg = context.store.getPackage(id);
  if (!pkg || pkg.owner !== apiUserOf(request)) throw refusals.packageNotFound(id);
  if (expireIfDue(context, pkg)) {
    context.store.putPackage(pkg);
    notify(context, pkg, null);
  }
  return pkg;
}

/** Runs `change` on the caller's package under its lock, saves it, and calls back when its status changed. */
export async function changePackage<T>(
  context: ConnectiveContext,
  request: FastifyRequest,
  id: string,
  change: (pkg: StoredPackage) => T | Promise<T>,
): Promise<{ pkg: StoredPackage; result: T }> {
  return context.withPackageLock(id, async () => {
    const pkg = loadPackage(context, request, id);
    const before = pkg.status;
    const result = await change(pkg);
    context.store.putPackage(pkg);
    if (pkg.status !== before) notify(context, pkg, null);
    return { pkg, result };
  });
}

export function checkCallbackUrl(context: ConnectiveContext, url: string | null, path: string): string | null {
  if (url === null) return null;
  try {
    context.callbacks.checkUrl(url);
  } catch (error) {
    const refused = OutboundRefusedError.find(error);
    throw refusals.invalid(`${path} ${refused ? refused.message : 'is not a URL the sandbox can call'}.`);
  }
  return url;
}

/** A new Draft package from Create Package's members (also the first half of Create Instant Package). */
export function newPackage(context: ConnectiveContext, owner: string, body: Body, name: string): StoredPackage {
  const initiator = optionalText(body, 'Initiator');
  if (initiator !== null) checkEmail(initiator, 'Initiator');
  const expiry = optionalTimestamp(body, 'ExpiryTimestamp');
  if (expiry !== null && Date.parse(expiry) <= context.now().getTime()) throw refusals.invalid(`ExpiryTimestamp ${expiry} is not in the future.`);
  return {
    id: randomUUID(),
    owner,
    name,
    initiator,
    callbackUrl: checkCallbackUrl(context, optionalText(body, firstOf(body, ['CallBackUrl', 'CallbackUrl'])), 'CallBackUrl'),
    expiryTimestamp: expiry,
    externalReference: optionalText(body, 'ExternalPackageReference'),
    correlationId: optionalText(body, 'CorrelationId'),
    status: 'Draft',
    createdAt: context.now().toISOString(),
    documents: [],
    stakeholders: [],
    events: [{ at: context.now().toISOString(), type: 'PackageCreated', actorId: null, detail: null }],
    proofs: [],
  };
}

const LIST_SORT_FIELDS = new Set(['creationtimestamp', 'creationdate', 'created', 'createddate']);

interface ListPosition {
  createdAt: string;
  seq: number;
}

/** Continuation tokens are opaque to clients: the listing position, base64url-encoded. */
const encodeToken = (position: ListPosition) => Buffer.from(JSON.stringify([position.createdAt, position.seq])).toString('base64url');
function decodeToken(token: string): ListPosition {
  try {
    const [createdAt, seq] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdAt === 'string' && Number.isInteger(seq)) return { createdAt, seq: seq as number };
  } catch {
    // refused below
  }
  throw refusals.invalid('ContinuationToken is not one this sandbox returned; send it back exactly, or leave it empty for the first page.');
}

function queryDate(query: Record<string, string | undefined>, names: string[]): string | undefined {
  const name = names.find((candidate) => query[candidate] !== undefined && query[candidate] !== '');
  if (!name) return undefined;
  const time = Date.parse(query[name]!);
  if (Number.isNaN(time)) throw refusals.invalid(`${name} must be a date or timestamp; got ${JSON.stringify(query[name])}.`);
  return new Date(time).toISOString();
}

/** Query names are matched case-insensitively: the reference itself spells `createdAfterDate` and `CreatedBeforeDate`. */
function lowerKeys(query: unknown): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? String(value[0]) : String(value)]));
}

export function packageRoutes(context: ConnectiveContext): FastifyPluginAsync {
  return async (app) => {
    app.post('/packages', async (request, reply) => {
      const body = asObject(request.body, 'The body');
      const pkg = newPackage(context, apiUserOf(request), body, requiredText(body, 'PackageName'));
      context.store.insertPackage(pkg);
      return reply.code(201).send({ PackageId: pkg.id, CreationTimestamp: pkg.createdAt });
    });

    app.get('/packages', async (request) => {
      const query = lowerKeys(request.query);
      const maxQuantity = query.maxquantity === undefined || query.maxquantity === '' ? 100 : Number(query.maxquantity);
      if (!Number.isInteger(maxQuantity) || maxQuantity < 1 || maxQuantity > 100) throw refusals.invalid('MaxQuantity must be an integer from 1 to 100.');
      const sortField = query.sortfield ?? '';
      if (sortField !== '' && !LIST_SORT_FIELDS.has(sortField.toLowerCase())) throw refusals.invalid(`SortField ${JSON.stringify(sortField)} is not supported; the sandbox sorts by CreationTimestamp.`);
      const sortOrder = (query.sortorder || 'ASC').replace(/"/g, '').toUpperCase();
      if (sortOrder !== 'ASC' && sortOrder !== 'DESC') throw refusals.invalid('SortOrder must be ASC or DESC.');
      let status: PackageStatus | undefined;
      if (query.status) {
        status = PACKAGE_STATUSES.find((candidate) => candidate.toLowerCase() === query.status!.toLowerCase());
        if (!status) throw refusals.invalid(`Status must be one of ${PACKAGE_STATUSES.join(', ')}.`);
      }
      const createdAfter = queryDate(query, ['createdafterdate']);
      const createdBefore = queryDate(query, ['createdbeforedate']);
      const after = query.continuationtoken ? decodeToken(query.continuationtoken) : undefined;
      const { items, total } = context.store.listPackages({
        owner: apiUserOf(request),
        order: sortOrder,
        limit: maxQuantity + 1,
        ...(status ? { status } : {}),
        ...(createdAfter ? { createdAfter } : {}),
        ...(createdBefore ? { createdBefore } : {}),
        ...(after ? { after } : {}),
      });
      const page = items.slice(0, maxQuantity);
      const last = page.at(-1);
      return {
        ContinuationToken: items.length > maxQuantity && last ? encodeToken({ createdAt: last.createdAt, seq: last.seq }) : null,
        MaxQuantity: maxQuantity,
        Total: total,
        Items: page.map((pkg) => {
          // Lazy expiry applies to listed packages too.
          const current = loadPackage(context, request, pkg.id);
          return { Id: current.id, PackageStatus: current.status, ExternalPackageReference: current.externalReference };
        }),
      };
    });

    app.get('/packages/:id/status', async (request) => packageStatusView(context, request, loadPackage(context, request, (request.params as { id: string }).id)));

    app.put('/packages/:id/status', async (request) => {
      const body = asObject(request.body, 'The body');
      const wanted = optionalText(body, firstOf(body, ['Status', 'status']), 'Status');
      if (wanted === null) throw refusals.invalid('Status is required: "Pending" or "Revoked".');
      const { pkg } = await changePackage(context, request, (request.params as { id: string }).id, (current) => {
        if (wanted.toLowerCase() === 'pending') startPackage(context, current);
        else if (wanted.toLowerCase() === 'revoked') revokePackage(context, current);
        else throw refusals.invalidStatus(`A package can be set to Pending or Revoked, not ${JSON.stringify(wanted)}.`);
      });
      return packageStatusView(context, request, pkg);
    });

    app.post('/packages/:id/skipsigners', async (request) => {
      await changePackage(context, request, (request.params as { id: string }).id, (pkg) => skipSigners(context, pkg));
      return {};
    });

    app.put('/packages/:id/expirytimestamp', async (request) => {
      const body = asObject(request.body, 'The body');
      const expiry = optionalTimestamp(body, 'ExpiryTimestamp');
      if (expiry === null) throw refusals.invalid('ExpiryTimestamp is required.');
      if (Date.parse(expiry) <= context.now().getTime()) throw refusals.invalid(`ExpiryTimestamp ${expiry} is not in the future.`);
      await changePackage(context, request, (request.params as { id: string }).id, (pkg) => {
        if (pkg.status !== 'Pending' && pkg.status !== 'Expired') {
          throw refusals.invalidStatus(`Package ${pkg.id} is ${pkg.status}; only a Pending or Expired package can get a new expiry.`);
        }
        pkg.expiryTimestamp = expiry;
        // An expired package comes back to life: its open actors can act again.
        pkg.status = 'Pending';
        pkg.events.push({ at: context.now().toISOString(), type: 'ExpiryExtended', actorId: null, detail: expiry });
      });
      return {};
    });

    app.post('/packages/:id/reminders', async (request) => {
      await changePackage(context, request, (request.params as { id: string }).id, (pkg) => remind(context, pkg));
      return {};
    });

    app.delete('/packages/:id', async (request) => {
      const { id } = request.params as { id: string };
      await context.withPackageLock(id, async () => {
        loadPackage(context, request, id);
        context.store.deletePackage(id);
        await rm(join(context.store.filesDir, id), { recursive: true, force: true });
      });
      return {};
    });
  };
}
