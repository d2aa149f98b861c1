import type { FastifyRequest } from 'fastify';
import { BOOTSTRAP_CLIENT_ID } from './clients.js';
import type { SandboxContext } from './context.js';
import { PROCESS_ID_PREFIX, renderProcess, type StoredProcess } from './model.js';
import { problems } from './problems.js';
import { authOf } from './tokens.js';
import { renderTags } from './tag-catalog.js';

/**
 * Who may see and change a document process. Each account sees the processes it sent and, once sent,
 * those where it is a party; only the sender (the owning account) changes one, and only while DRAFT.
 */

export function processIdParam(request: FastifyRequest): string {
  const id = (request.params as { processId: string }).processId;
  if (!id.startsWith(PROCESS_ID_PREFIX)) {
    throw problems.notFound(`${id} is not a document process id (they look like DOCUMENT_PROCESS:<uuid>).`);
  }
  return id;
}

function isVisibleTo(process: StoredProcess, account: string): boolean {
  return process.ownerEmail === account || (process.status !== 'DRAFT' && process.parties.some((party) => party.email === account));
}

/** The process named in the path, if the caller's account may see it; else 404 (never revealing it exists). */
export function loadVisibleProcess(context: SandboxContext, request: FastifyRequest): StoredProcess {
  const id = processIdParam(request);
  const process = context.store.getProcess(id);
  if (!process || !isVisibleTo(process, authOf(request).account)) {
    throw problems.notFound(`No document process ${id} for account ${authOf(request).account}.`);
  }
  return process;
}

/** The process named in the path, if the caller's account sent it; a party gets 403. */
export function loadOwnedProcess(context: SandboxContext, request: FastifyRequest): StoredProcess {
  const process = loadVisibleProcess(context, request);
  if (process.ownerEmail !== authOf(request).account) {
    throw problems.forbidden(`Only the sender (${process.ownerEmail}) may change document process ${process.id}.`);
  }
  return process;
}

/** Refuses (409, with `currentStatus`) a change to a process that is no longer DRAFT. */
export function requireDraft(process: StoredProcess, what: string): void {
  if (process.status !== 'DRAFT') {
    throw problems.conflict(`${what} is possible only while the document process is DRAFT; ${process.id} is ${process.status}.`, { currentStatus: process.status });
  }
}

/**
 * Checks the `version` request header (seed 003, PATCH example: `version: 1`) against the process.
 * `required` for PATCH; for other changes it is checked only when sent.
 */
export function checkVersion(process: StoredProcess, request: FastifyRequest, required: boolean): void {
  const header = request.headers.version;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '') {
    if (required) throw problems.badRequest(`The version header is required (the current version of ${process.id} is ${process.version}; GET answers it in the version header).`);
    return;
  }
  const version = Number(value);
  if (!Number.isInteger(version)) throw problems.badRequest(`The version header must be an integer; got ${JSON.stringify(value)}.`);
  if (version !== process.version) {
    throw problems.conflict(`Version ${version} is stale: document process ${process.id} is at version ${process.version}. GET it again and re-apply the change.`, {
      currentVersion: process.version,
    });
  }
}

/** Saves a changed process: every change increments the version and moves modifiedAt. */
export function saveProcess(context: SandboxContext, process: StoredProcess): StoredProcess {
  process.version += 1;
  const now = context.now().toISOString();
  // modifiedAt never goes backwards, even when a test moves the clock back.
  process.modifiedAt = now > process.modifiedAt ? now : process.modifiedAt;
  context.store.putProcess(process);
  return process;
}

/** The process in the seed's GET shape, as the caller sees it. */
export function presentProcess(context: SandboxContext, process: StoredProcess, viewer: string | null) {
  return renderProcess(process, context.store.listFiles(process.id), renderTags(process.tagIds), viewer, context.faults.shapes().process);
}

/** Processes are for accounts: a token of the bootstrap client (client management only) is refused. */
export async function requireAccountToken(request: FastifyRequest): Promise<void> {
  if (authOf(request).clientId === BOOTSTRAP_CLIENT_ID) {
    throw problems.forbidden('The bootstrap client only manages client applications; get a token for your own client (JWT bearer or authorization code grant).');
  }
}
