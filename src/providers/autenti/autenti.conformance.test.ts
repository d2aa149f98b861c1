import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { describeProvider } from '../../../test/conformance/describe-provider.js';
import type { ConformanceSandbox, ProviderOperation, ProviderUnderTest, SandboxCall } from '../../../test/conformance/harness.js';
import { startAutentiSandbox } from '../../sandbox/autenti/index.js';
import { decodeBase64Url } from './challenges.js';
import { AUTENTI_CAPABILITIES, createAutentiProvider } from './index.js';
import { sandboxControl } from '../../../test/support/sandbox-control.js';
import { registerAutentiSandboxClient } from '../../../test/support/autenti-sandbox-client.js';

/**
 * Autenti runs the conformance suite (test/conformance) against its sandbox (src/sandbox/autenti),
 * which records every API call at `GET /_sandbox/calls`; this file says what those calls mean.
 */
const autenti = (shapes?: LiveShapes): ProviderUnderTest => ({
  id: 'autenti',
  capabilities: AUTENTI_CAPABILITIES,
  // Page size 2: delta listing runs over several pages. Waits are not slept (the sandbox injects no faults here).
  create: (connection) => createAutentiProvider(connection, { pageSize: 2, http: { sleep: async () => {} } }),
  startSandbox: () => startAutentiConformanceSandbox(shapes),
});

// The sandbox's defaults: process reads carry both the seed's and the live names, actions answer arrays.
describeProvider(autenti());

/**
 * Again with the answers shaped as only one document shows them (`PUT /_sandbox/faults {"shapes": …}`,
 * docs/providers.md "Autenti: live service versus seed 003"): the adapter must read either alone.
 */
describe('with the live service\'s shapes only (files, events, arrays of events)', () => {
  describeProvider(autenti({ process: 'live', actionAnswer: 'array' }));
});
describe('with the seed\'s shapes only (contentElements, participationEvents, one event per action)', () => {
  describeProvider(autenti({ process: 'seed', actionAnswer: 'object' }));
});

type RecordedCall = { seq: number; method: string; path: string; headers: Record<string, string | string[] | undefined>; status: number };

/** The sandbox's shape knob (the wire contract in docs/providers.md, point 6). */
type LiveShapes = { process?: 'both' | 'seed' | 'live'; actionAnswer?: 'array' | 'object' };

async function startAutentiConformanceSandbox(shapes?: LiveShapes): Promise<ConformanceSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'countersign-autenti-conformance-'));
  const sandbox = await startAutentiSandbox({ port: 0, dataDir, callbackRetryDelaysMs: [100, 100, 100] });

  const control = sandboxControl(() => sandbox.url);

  if (shapes) {
    const knobs = await control<{ shapes?: LiveShapes }>('PUT', '/faults', { shapes });
    // A sandbox that ignored the knob would make these runs repeat the default one while claiming otherwise.
    if (JSON.stringify({ ...knobs.shapes, ...shapes }) !== JSON.stringify(knobs.shapes ?? null)) {
      await sandbox.close();
      throw new Error(`The Autenti sandbox did not take the shapes knob ${JSON.stringify(shapes)} (it answered ${JSON.stringify(knobs.shapes ?? null)}).`);
    }
  }

  let lastSeq = 0;
  const process = (reference: string) => `/document-processes/${encodeURIComponent(reference)}`;
  type Contact = { type: string; attributes: { email?: string } };
  type ControlFile = { id: string; filename: string; filePurpose: string };
  type ControlProcess = {
    contentElements?: ControlFile[];
    files?: ControlFile[];
    parties: Array<{ role: string; party: { contacts: Contact[] }; constraints?: Array<{ classifiers?: string[]; attributes?: Record<string, unknown> }> }>;
  };
  const emailOf = (party: ControlProcess['parties'][number]) => party.party.contacts.find((contact) => contact.type === 'CONTACT-TYPE:EMAIL')?.attributes.email ?? '(no email)';

  return {
    async connect(options) {
      const { clientId, connection } = await registerAutentiSandboxClient(control, sandbox.url, {
        connectionId: 'con_conformance',
        name: 'Countersign conformance',
        emailDomain: 'conformance.test',
      });
      // Autenti calls back per client application, not per process (docs/providers.md U9).
      if (options?.callbackUrl) await control('PUT', `/clients/${clientId}/callback`, { url: options.callbackUrl });
      return connection;
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
      const found = await control<ControlProcess>('GET', process(reference));
      return {
        documents: (found.files ?? found.contentElements ?? []).filter((file) => file.filePurpose === 'SOURCE_FILE').map((file) => file.filename),
        participants: found.parties.filter((party) => party.role !== 'SENDER').map(emailOf),
      };
    },
    async inspectFields(reference) {
      const found = await control<ControlProcess>('GET', process(reference));
      const files = new Map((found.files ?? found.contentElements ?? []).map((file) => [file.id, file.filename]));
      return found.parties
        .filter((party) => party.role !== 'SENDER')
        .flatMap((party) =>
          (party.constraints ?? [])
            .filter((constraint) => constraint.classifiers?.includes('CONSTRAINT-UNIQUE_TYPE:VISUALISATION'))
            .map((constraint) => {
              const { fileId, page, x, y, width, height } = constraint.attributes as { fileId: string; page: number; x: number; y: number; width: number; height: number };
              return { email: emailOf(party), filename: files.get(fileId) ?? `(no file ${fileId})`, page, left: x, top: y, width, height };
            }),
        );
    },
    async act(reference, email, action, reason) {
      await control('POST', `${process(reference)}/parties/${encodeURIComponent(email)}/actions`, { action, ...(reason ? { reason } : {}) });
    },
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Autenti action each `X-ASSERTION` value selects (seed 003 "Sending a document"). */
function selectedActions(call: RecordedCall): string {
  return [call.headers['x-assertion'] ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((value) => JSON.stringify((JSON.parse(decodeBase64Url(value)) as { attributes?: unknown }).attributes ?? {}))
    .join(' ');
}

const ACTION_OPERATIONS: ReadonlyArray<[string, ProviderOperation]> = [
  ['DOCUMENT_SENT', 'send'],
  ['DOCUMENT_WITHDRAWAL', 'withdraw'],
  ['DOCUMENT_REMINDER_SENT', 'remind'],
];

/** What a recorded Autenti API call did, in the suite's words. */
function classify(call: RecordedCall): SandboxCall {
  const path = call.path.replace(/^\/api\/v2/, '');
  const id = /^\/document-processes\/([^/?]+)/.exec(path)?.[1];
  const reference = id === undefined ? null : decodeURIComponent(id);
  const rest = id === undefined ? path : path.slice(`/document-processes/${id}`.length);
  const operation = ((): ProviderOperation => {
    if (path.startsWith('/auth/')) return 'auth';
    if (reference === null) {
      if (call.method === 'POST' && /^\/document-processes\/?$/.test(path)) return 'create';
      if (call.method === 'GET' && path.startsWith('/document-processes')) return 'list';
      return 'other';
    }
    if (rest === '' || rest.startsWith('?')) return call.method === 'GET' ? 'fetch' : call.method === 'PUT' || call.method === 'PATCH' ? 'update' : 'other';
    if (rest === '/files' && call.method === 'POST') return 'upload';
    if (/^\/files\/[^/]+\/content/.test(rest) && call.method === 'GET') return 'download';
    if (rest === '/actions' && call.method === 'POST') {
      const selected = selectedActions(call);
      return ACTION_OPERATIONS.find(([action]) => selected.includes(action))?.[1] ?? 'other';
    }
    return 'other';
  })();
  return { operation, reference, status: call.status, summary: `${call.method} ${call.path}` };
}
