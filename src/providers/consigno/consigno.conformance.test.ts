import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeProvider } from '../../../test/conformance/describe-provider.js';
import type { ConformanceSandbox, ProviderOperation, ProviderUnderTest, SandboxCall } from '../../../test/conformance/harness.js';
import { sandboxControl } from '../../../test/support/sandbox-control.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { startConsignoSandbox } from '../../sandbox/consigno/index.js';
import { CONSIGNO_CAPABILITIES, createConsignoProvider } from './index.js';

/**
 * ConsignO Cloud runs the conformance suite (test/conformance) against its sandbox
 * (src/sandbox/consigno), which records every API call at `GET /_sandbox/calls`; this file says what
 * those calls mean. ConsignO creates and launches in one call (`POST /workflows` with `status` 1) and
 * withdraws by deleting, so one recorded call can be two of the suite's operations.
 */
const consigno: ProviderUnderTest = {
  id: 'consigno',
  capabilities: CONSIGNO_CAPABILITIES,
  // Waits are not slept (the sandbox injects no faults here).
  create: (connection) => createConsignoProvider(connection, { http: { sleep: async () => {} } }),
  startSandbox: startConsignoConformanceSandbox,
};

describeProvider(consigno);

type RecordedCall = { seq: number; method: string; path: string; status: number; body?: unknown };

type ControlWorkflow = {
  id: string;
  documents: Array<{ documentId: string; name: string; fields: Array<{ x: number; y: number; width: number; height: number; page: number; assignedTo: string | number }> }>;
  actions: Array<{ signer: { email: string; ref?: string | number | null } }>;
};

async function startConsignoConformanceSandbox(): Promise<ConformanceSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'countersign-consigno-conformance-'));
  // Webhooks go to the suite's loopback receiver.
  const sandbox = await startConsignoSandbox({ port: 0, host: '127.0.0.1', dataDir, callbackRetryDelaysMs: [100, 100, 100], outbound: { allow: LOOPBACK_ALLOWED } });
  const control = sandboxControl(() => sandbox.url);
  // The sandbox's own state, read only: which workflow a recorded POST /workflows made (its log keeps
  // the request, whose document ids serve one workflow only, not the answer).
  const state = new Database(join(dataDir, 'sandbox', 'consigno.sqlite'), { readonly: true, fileMustExist: true });
  const workflowOfDocument = (documentId: string): string | null => {
    for (const row of state.prepare('SELECT id, data FROM consigno_workflows ORDER BY seq DESC').all() as Array<{ id: string; data: string }>) {
      const documents = (JSON.parse(row.data) as { documents?: Array<{ documentId: string }> }).documents ?? [];
      if (documents.some((document) => document.documentId === documentId)) return row.id;
    }
    return null;
  };
  let lastSeq = 0;
  let users = 0;

  return {
    async connect() {
      // As a ConsignO administrator hands out an API user. Second factors are not required for it, as
      // Notarius can set per user: the suite's participants ask for none (seed 002 "AMR").
      users += 1;
      const user = await control<{ username: string; password: string }>('POST', '/api-users', { name: `Countersign conformance ${users}`, secondFactorRequired: false });
      return {
        id: `con_conformance_${users}`,
        provider: 'consigno',
        baseUrl: `${sandbox.url}/api/v1`,
        credentials: { username: user.username, password: user.password },
        // The sandbox listens on loopback: opened explicitly, as an operator would with COUNTERSIGN_ALLOW_PRIVATE_URLS.
        outbound: { allow: LOOPBACK_ALLOWED },
      };
    },
    async mark() {
      const calls = await control<RecordedCall[]>('GET', `/calls?since=${lastSeq}`);
      lastSeq = calls.at(-1)?.seq ?? lastSeq;
      return lastSeq;
    },
    async callsSince(mark) {
      const calls = await control<RecordedCall[]>('GET', `/calls?since=${mark}`);
      lastSeq = Math.max(lastSeq, calls.at(-1)?.seq ?? 0);
      return calls.flatMap((call) => classify(call, workflowOfDocument));
    },
    async inspect(reference) {
      const found = await control<ControlWorkflow>('GET', `/workflows/${encodeURIComponent(reference)}`);
      return { documents: found.documents.map((document) => document.name), participants: found.actions.map((action) => action.signer.email) };
    },
    async inspectFields(reference) {
      const found = await control<ControlWorkflow>('GET', `/workflows/${encodeURIComponent(reference)}`);
      const emailOf = (ref: string | number) => found.actions.find((action) => String(action.signer.ref) === String(ref))?.signer.email ?? `(no signer ${ref})`;
      return found.documents.flatMap((document) =>
        document.fields.map((zone) => ({ email: emailOf(zone.assignedTo), filename: document.name, page: zone.page, left: zone.x, top: zone.y, width: zone.width, height: zone.height })),
      );
    },
    async act(reference, email, action, reason) {
      await control('POST', `/workflows/${encodeURIComponent(reference)}/signers/${encodeURIComponent(email)}/actions`, { action: action === 'reject' ? 'decline' : 'sign', ...(reason ? { reason } : {}) });
    },
    async close() {
      state.close();
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What a recorded ConsignO API call did, in the suite's words. `POST /workflows` with `status` 1 is
 * both the create and the send; `DELETE /workflows/{id}` is both withdraw and delete.
 */
export function classify(call: RecordedCall, workflowOfDocument: (documentId: string) => string | null): SandboxCall[] {
  const path = call.path.replace(/^\/api\/v1/, '').replace(/\?.*$/, '');
  const summary = `${call.method} ${call.path.replace(/X-Auth-Token=[^&]*/i, 'X-Auth-Token=…')}`;
  const one = (operation: ProviderOperation, reference: string | null): SandboxCall => ({ operation, reference, status: call.status, summary });
  if (path.startsWith('/auth')) return [one('auth', null)];
  if (path === '/documents' && call.method === 'POST') return [one('upload', null)];
  if (path === '/workflows' && call.method === 'POST') {
    const body = call.body as { status?: unknown; documents?: Array<{ documentId?: unknown }> } | undefined;
    const documentId = body?.documents?.find((document) => typeof document.documentId === 'string')?.documentId as string | undefined;
    const reference = call.status >= 200 && call.status < 300 && documentId ? workflowOfDocument(documentId) : null;
    return Number(body?.status) === 1 ? [one('create', null), one('send', reference)] : [one('create', null)];
  }
  const match = /^\/workflows\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) return [one('other', null)];
  const reference = decodeURIComponent(match[1]!);
  const rest = match[2] ?? '';
  if (rest === '' && call.method === 'GET') return [one('fetch', reference)];
  if (rest === '' && call.method === 'DELETE') return [one('withdraw', reference), one('delete', reference)];
  if ((rest === '/documents' || rest === '/audit') && call.method === 'POST') return [one('download', reference)];
  return [one('other', reference)];
}
