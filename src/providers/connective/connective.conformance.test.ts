import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeProvider } from '../../../test/conformance/describe-provider.js';
import type { ConformanceSandbox, ProviderOperation, ProviderUnderTest, SandboxCall } from '../../../test/conformance/harness.js';
import { sandboxControl } from '../../../test/support/sandbox-control.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { startConnectiveSandbox } from '../../sandbox/connective/index.js';
import { CONNECTIVE_CAPABILITIES, createConnectiveProvider } from './index.js';

/**
 * Connective eSignatures runs the conformance suite (test/conformance) against its sandbox
 * (src/sandbox/connective), which records every API call at `GET /_sandbox/calls`; this file says
 * what those calls mean.
 */
const connective: ProviderUnderTest = {
  id: 'connective',
  capabilities: CONNECTIVE_CAPABILITIES,
  // Page size 2: delta listing runs over several pages. Waits are not slept (the sandbox injects no faults here).
  create: (connection) => createConnectiveProvider(connection, { pageSize: 2, http: { sleep: async () => {} } }),
  startSandbox: startConnectiveConformanceSandbox,
};

describeProvider(connective);

type RecordedCall = { seq: number; method: string; path: string; status: number; body?: unknown };

type ControlPackage = {
  PackageDocuments: Array<{ DocumentId: string; SourceFileName?: string; DocumentName?: string; Locations: Array<{ Id: string; PageNumber: number; Left: number; Top: number; Width: number; Height: number }> }>;
  Stakeholders: Array<{ EmailAddress: string; Actors: Array<{ ActorId: string; Type: string; LocationIds?: string[] }> }>;
};

async function startConnectiveConformanceSandbox(): Promise<ConformanceSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'countersign-connective-conformance-'));
  // Callbacks go to the suite's loopback receiver.
  const sandbox = await startConnectiveSandbox({ port: 0, dataDir, callbackRetryDelaysMs: [100, 100, 100], outbound: { allow: LOOPBACK_ALLOWED } });
  const control = sandboxControl(() => sandbox.url);
  let lastSeq = 0;
  let users = 0;
  const packagePath = (reference: string) => `/packages/${encodeURIComponent(reference)}`;

  return {
    async connect() {
      // As a Connective administrator hands out an API user (seed 001 "Creating a connection"); the
      // callback URL goes with each package, so there is nothing else to register.
      users += 1;
      const user = await control<{ username: string; password: string }>('POST', '/api-users', { name: `Countersign conformance ${users}` });
      return {
        id: `con_conformance_${users}`,
        provider: 'connective',
        baseUrl: `${sandbox.url}/webportalapi/v3/`,
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
      return calls.map(classify);
    },
    async inspect(reference) {
      const found = await control<ControlPackage>('GET', packagePath(reference));
      return {
        documents: found.PackageDocuments.map((document) => document.SourceFileName ?? document.DocumentName ?? document.DocumentId),
        participants: found.Stakeholders.map((stakeholder) => stakeholder.EmailAddress),
      };
    },
    async inspectFields(reference) {
      const found = await control<ControlPackage>('GET', packagePath(reference));
      const locations = new Map(
        found.PackageDocuments.flatMap((document) => document.Locations.map((location) => [location.Id, { filename: document.SourceFileName ?? document.DocumentName ?? document.DocumentId, location }] as const)),
      );
      return found.Stakeholders.flatMap((stakeholder) =>
        stakeholder.Actors.flatMap((actor) =>
          (actor.LocationIds ?? []).map((id) => {
            const placed = locations.get(id);
            if (placed === undefined) return { email: stakeholder.EmailAddress, filename: `(no location ${id})`, page: 0, left: 0, top: 0, width: 0, height: 0 };
            const { PageNumber, Left, Top, Width, Height } = placed.location;
            return { email: stakeholder.EmailAddress, filename: placed.filename, page: Number(PageNumber), left: Number(Left), top: Number(Top), width: Number(Width), height: Number(Height) };
          }),
        ),
      );
    },
    async act(reference, email, action, reason) {
      await control('POST', `${packagePath(reference)}/actors/${encodeURIComponent(email)}/actions`, { action, ...(reason ? { reason } : {}) });
    },
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The status a Set Package Status call asked for, whichever casing it used. */
function requestedStatus(call: RecordedCall): string | undefined {
  const body = call.body as { Status?: unknown; status?: unknown } | undefined;
  const status = body?.Status ?? body?.status;
  return typeof status === 'string' ? status : undefined;
}

/** What a recorded Connective API call did, in the suite's words. */
export function classify(call: RecordedCall): SandboxCall {
  const path = call.path.replace(/^\/webportalapi\/v3(\.1)?/, '').replace(/\?.*$/, '');
  const id = /^\/packages\/([^/]+)/.exec(path)?.[1];
  const reference = id === undefined || id === 'instant' ? null : decodeURIComponent(id);
  const rest = reference === null ? path : path.slice(`/packages/${id}`.length);
  const operation = ((): ProviderOperation => {
    if (reference === null) {
      if (call.method === 'POST' && /^\/packages(\/instant)?\/?$/.test(path)) return 'create';
      if (call.method === 'GET' && /^\/packages\/?$/.test(path)) return 'list';
      if (call.method === 'GET' && /\/auditproof\/download$/.test(path)) return 'download';
      return 'other';
    }
    if (rest === '' || rest === '/') return call.method === 'DELETE' ? 'delete' : 'other';
    if (rest === '/documents' && call.method === 'POST') return 'upload';
    if (rest === '/process' && call.method === 'PUT') return 'update';
    if (rest === '/status' && call.method === 'GET') return 'fetch';
    if (rest === '/status' && call.method === 'PUT') {
      const status = requestedStatus(call);
      return status === 'Pending' ? 'send' : status === 'Revoked' ? 'withdraw' : 'other';
    }
    if (rest === '/reminders' && call.method === 'POST') return 'remind';
    if (rest === '/expirytimestamp' && call.method === 'PUT') return 'extend';
    if (rest === '/skipsigners' && call.method === 'POST') return 'skip';
    if (call.method === 'GET' && (rest.startsWith('/download') || rest.startsWith('/auditproof/download'))) return 'download';
    return 'other';
  })();
  return { operation, reference, status: call.status, summary: `${call.method} ${call.path}` };
}
