import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkVersion, loadOwnedProcess, loadVisibleProcess, presentProcess, requireDraft, saveProcess } from './access.js';
import type { SandboxContext } from './context.js';
import { PROCESS_ID_PREFIX, PROCESS_STATUSES, newPartyId, type ProcessStatus, type StoredProcess } from './model.js';
import { readDescription, readLanguage, readParties, readTitle, withoutNulls } from './parties.js';
import { problems } from './problems.js';
import { readTags } from './tag-catalog.js';
import { authOf } from './tokens.js';

/**
 * Document processes (seed 003, "Creating & sending a document via API", "Querying existing documents"):
 * create, read, replace (PUT), merge-patch (PATCH with a `version` header), and the delta listing.
 */

const DEFAULT_LIMIT = 100;
/** The seed's own listing example asks for limit=5000. */
const MAX_LIMIT = 5000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stream form of a listing: the seed asks for it with `Accept` or (in one example) `Content-Type: application/stream+json`. */
export function wantsStream(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const contentType = request.headers['content-type'] ?? '';
  return accept.includes('application/stream+json') || contentType.includes('application/stream+json');
}

/** Writes items as one JSON object per line (`application/stream+json`), or as a JSON array. */
export function sendList(request: FastifyRequest, reply: FastifyReply, items: unknown[], options: { streamUnlessJsonAsked?: boolean } = {}): FastifyReply {
  // Live `GET …/files` answers concatenated objects unless the client asks for application/json.
  const asksJson = (request.headers.accept ?? '').includes('application/json');
  if (wantsStream(request) || (options.streamUnlessJsonAsked && !asksJson)) {
    return reply.type('application/stream+json').send(items.map((item) => JSON.stringify(item) + '\n').join(''));
  }
  return reply.type('application/json').send(items);
}

function withVersion(reply: FastifyReply, process: StoredProcess): FastifyReply {
  // The seed never shows where a client learns the version it must send; the sandbox answers it in a
  // `version` response header (same name as the request header of the PATCH example).
  return reply.header('version', String(process.version));
}

function parseListQuery(request: FastifyRequest) {
  const query = request.query as Record<string, string | undefined>;
  const status = query.status;
  if (status !== undefined && !PROCESS_STATUSES.includes(status as ProcessStatus)) {
    throw problems.badRequest(`status must be one of ${PROCESS_STATUSES.join(', ')}; got ${JSON.stringify(status)}.`, [{ field: 'status', message: 'unknown status' }]);
  }
  let modifiedAfter: string | undefined;
  if (query.modifiedAfter !== undefined) {
    const time = Date.parse(query.modifiedAfter);
    if (Number.isNaN(time)) throw problems.badRequest(`modifiedAfter must be an ISO 8601 timestamp such as 2021-01-12T13:11:02.002Z; got ${JSON.stringify(query.modifiedAfter)}.`);
    modifiedAfter = new Date(time).toISOString();
  }
  const integer = (name: 'limit' | 'offset', fallback: number, min: number, max: number) => {
    const raw = query[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw problems.badRequest(`${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(raw)}.`);
    return value;
  };
  return {
    ...(status ? { status: status as ProcessStatus } : {}),
    ...(modifiedAfter ? { modifiedAfter } : {}),
    limit: integer('limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: integer('offset', 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** Applies the editable members of a PUT body (all of them) or a merge patch (those present). */
function applyEdits(process: StoredProcess, body: Record<string, unknown>, mode: 'replace' | 'merge'): void {
  const has = (name: string) => mode === 'replace' || name in body;
  if (has('title')) process.title = readTitle(body.title);
  if (has('description')) process.description = readDescription(body.description);
  if (has('processLanguage')) process.processLanguage = body.processLanguage === undefined ? 'pl' : readLanguage(body.processLanguage);
  if (has('parties')) process.parties = body.parties === undefined || body.parties === null ? [] : readParties(body.parties, process.parties);
  if (has('tags')) process.tagIds = readTags(body.tags);
}

/** Absolute URL of a process's page in the sandbox (a control route: guarded when the sandbox is). */
export function processUiUrl(request: FastifyRequest, context: SandboxContext, processId: string): string {
  return `${request.protocol}://${request.host}${context.prefix}/_sandbox/document-processes/${encodeURIComponent(processId)}`;
}

/** The `/document-processes` routes (relative to the API root). */
export function processRoutes(context: SandboxContext): FastifyPluginAsync {
  return async (api: FastifyInstance) => {
    // Seed: POST with no body answers {"id", "title": "Placeholder title", "processLanguage": "pl"}.
    api.post('/document-processes', async (request, reply) => {
      const auth = authOf(request);
      const now = context.now().toISOString();
      const process: StoredProcess = {
        id: PROCESS_ID_PREFIX + randomUUID(),
        ownerEmail: auth.account,
        ownerClientId: auth.clientId,
        title: 'Placeholder title',
        description: null,
        processLanguage: 'pl',
        status: 'DRAFT',
        // Version 0 at creation, so that the seed's sequence POST → PUT → PATCH with `version: 1` holds.
        version: 0,
        parties: [],
        senderPartyId: newPartyId('SENDER'),
        senderEvents: [],
        tagIds: [],
        flags: [],
        createdAt: now,
        modifiedAt: now,
        eventCount: 0,
      };
      // Live clients send null for "absent" (e.g. "tags": null): such members are left out.
      const body = isObject(request.body) ? withoutNulls(request.body) : request.body;
      if (isObject(body)) {
        if ('title' in body) process.title = readTitle(body.title);
        if ('description' in body) process.description = readDescription(body.description);
        if ('processLanguage' in body) process.processLanguage = readLanguage(body.processLanguage);
        if ('parties' in body) process.parties = readParties(body.parties, []);
        if ('tags' in body) process.tagIds = readTags(body.tags);
      }
      context.store.putProcess(process);
      // The seed answers {id, title, processLanguage}; live Autenti answers the whole process (status
      // included). The sandbox answers the whole process and a link to it in the sandbox's own pages.
      return withVersion(reply, process).send({ ...presentProcess(context, process, auth.account), links: { ui: processUiUrl(request, context, process.id) } });
    });

    api.get('/document-processes', async (request, reply) => {
      const filter = parseListQuery(request);
      const account = authOf(request).account;
      const processes = context.store.listProcesses({ account, ...filter });
      return sendList(request, reply, processes.map((process) => presentProcess(context, process, account)));
    });

    api.get('/document-processes/:processId', async (request, reply) => {
      const process = loadVisibleProcess(context, request);
      return withVersion(reply, process).send(presentProcess(context, process, authOf(request).account));
    });

    api.put('/document-processes/:processId', async (request, reply) => {
      const process = loadOwnedProcess(context, request);
      requireDraft(process, 'Changing a document process');
      checkVersion(process, request, false);
      if (!isObject(request.body)) throw problems.badRequest('The body must be a JSON object (title, description, processLanguage, parties, tags).');
      // null means absent (live clients send it so): the member takes its default, as if left out.
      applyEdits(process, withoutNulls(request.body), 'replace');
      saveProcess(context, process);
      return withVersion(reply, process).send(presentProcess(context, process, process.ownerEmail));
    });

    api.patch('/document-processes/:processId', async (request, reply) => {
      const contentType = request.headers['content-type'] ?? '';
      if (!contentType.startsWith('application/merge-patch+json')) {
        throw problems.unsupportedMediaType(`PATCH takes Content-Type: application/merge-patch+json (RFC 7396); got ${JSON.stringify(contentType)}.`);
      }
      const process = loadOwnedProcess(context, request);
      requireDraft(process, 'Changing a document process');
      checkVersion(process, request, true);
      if (!isObject(request.body)) throw problems.badRequest('A merge patch must be a JSON object.');
      // RFC 7396: arrays (parties, tags) are replaced whole; `null` removes a member (description → null).
      if (request.body.title === null) throw problems.badRequest('title cannot be removed.', [{ field: 'title', message: 'cannot be null' }]);
      applyEdits(process, request.body, 'merge');
      saveProcess(context, process);
      return withVersion(reply, process).send(presentProcess(context, process, process.ownerEmail));
    });
  };
}
