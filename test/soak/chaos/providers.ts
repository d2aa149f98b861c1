import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAutentiSandbox } from '../../../src/sandbox/autenti/index.js';
import { startConnectiveSandbox } from '../../../src/sandbox/connective/index.js';
import { startConsignoSandbox } from '../../../src/sandbox/consigno/index.js';
import { sandboxControl, type SandboxControl } from '../../support/sandbox-control.js';
import type { RestartableServer } from '../support/restartable-server.js';

/**
 * The three providers as the chaos soak drives them: each sandbox runs standalone in the soak's own
 * process (it outlives every Countersign kill), and is read only through its control routes — the
 * provider's own record, never Countersign's adapter, is the truth the checker compares with.
 */

/** Where one envelope stands at the provider, in words the checker compares with Countersign's. */
export type ProviderTruth = {
  status: 'draft' | 'open' | 'completed' | 'rejected' | 'withdrawn' | 'expired';
  participants: Array<{ email: string; outcome: 'open' | 'done' | 'rejected' | 'skipped'; reason: string | null }>;
  /** SHA-256 of each signed file, once the envelope is completed; null when the provider no longer has them. */
  signedSha256: string[] | null;
};

/** One envelope the provider holds, as its listing shows it: the soak's title says whose it is. */
export type ProviderEnvelope = { reference: string; title: string; draft: boolean };

/** Faults of one moment ("weather"), set through the sandbox's `PUT /_sandbox/faults`. */
export type Weather = {
  latencyMs: number;
  errorRate: number;
  rateLimitEvery: number | null;
  /** Share of calls whose connection is cut, before or after the call took effect. */
  resetRate: number;
  /** The sandbox's callbacks to Countersign: a share lost, a share sent twice, each held back up to `maxDelayMs` (reordered). */
  callbacks: { lossRate: number; duplicateRate: number; maxDelayMs: number };
  /** Autenti: every access token expires now. */
  expireTokens: boolean;
  /** ConsignO: a token answered with its successor is refused at once (the seed's rule). */
  rotatedTokensFail: boolean;
};

export type ChaosProvider = {
  readonly id: 'autenti' | 'connective' | 'consigno';
  /** Roles the workload gives participants here (the first is a signer). */
  readonly roles: readonly ('signer' | 'approver' | 'receiver')[];
  readonly can: { remind: boolean; extendExpiry: boolean; skipPending: boolean; expire: boolean };
  /** Makes the provider account and a Countersign connection to it; returns the connection id. */
  connect(server: RestartableServer): Promise<string>;
  /** Acts as a participant; false when it is not their turn (or no longer possible). */
  act(reference: string, email: string, action: 'sign' | 'approve' | 'reject', reason?: string): Promise<boolean>;
  truth(reference: string): Promise<ProviderTruth>;
  /** Every envelope of the account, drafts included. */
  envelopes(): Promise<ProviderEnvelope[]>;
  weather(weather: Weather): Promise<void>;
  /** Moves the provider's clock on (past every expiry the workload set), where the sandbox has one. */
  advanceClock(ms: number): Promise<void>;
  close(): Promise<void>;
};

type Sandbox = Awaited<ReturnType<typeof startAutentiSandbox>>;

async function sandboxIn(start: (options: { port: number; dataDir: string }) => Promise<Sandbox>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'countersign-chaos-sandbox-'));
  const sandbox = await start({ port: 0, dataDir });
  return {
    sandbox,
    control: sandboxControl(() => sandbox.url),
    close: async () => {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A control call that may be refused because the participant cannot act now (409). */
async function tryControl(control: SandboxControl, method: string, path: string, body: unknown): Promise<boolean> {
  try {
    await control(method, path, body);
    return true;
  } catch (error) {
    if (/HTTP 409/.test((error as Error).message)) return false;
    throw error;
  }
}

const knobs = (weather: Weather) => ({
  latencyMs: weather.latencyMs,
  errorRate: weather.errorRate,
  rateLimit: weather.rateLimitEvery === null ? null : { every: weather.rateLimitEvery, retryAfterSeconds: 1 },
  resetRate: weather.resetRate,
  callbacks: weather.callbacks,
});

export async function autentiProvider(): Promise<ChaosProvider> {
  const { sandbox, control, close } = await sandboxIn(startAutentiSandbox);
  const account = 'chaos@autenti.example';
  type Party = { role: string; participationStatus: string; party: { contacts: Array<{ attributes: { email?: string } }> }; events?: Array<{ eventType: string; attributes?: { comment?: string } }> };
  type Process = { status: string; parties: Party[]; files: Array<{ id: string; filePurpose: string }>; fileSha256: Record<string, string> };
  const STATUS: Record<string, ProviderTruth['status']> = { DRAFT: 'draft', PROCESSING: 'open', COMPLETED: 'completed', REJECTED: 'rejected', WITHDRAWN: 'withdrawn' };
  return {
    id: 'autenti',
    roles: ['signer', 'approver', 'receiver'],
    can: { remind: true, extendExpiry: false, skipPending: false, expire: false },
    async connect(server) {
      const client = await control<{ clientId: string; clientSecret: string }>('POST', '/clients', { name: 'chaos soak', scopes: ['full', 'notification_management'] });
      const connection = await server.call((api) => api.post('/api/v1/connections', {
        provider: 'autenti', name: 'Autenti (chaos)', baseUrl: `${sandbox.url}/api/v2/`, clientId: client.clientId, clientSecret: client.clientSecret, accountEmail: account,
      }), 201);
      await control('PUT', `/clients/${client.clientId}/public-key`, connection.publicJwk);
      const verified = await server.call((api) => api.post(`/api/v1/connections/${connection.id}/verify`), 200);
      if (!verified.ok) throw new Error(`The Autenti connection did not verify: ${JSON.stringify(verified)}`);
      return connection.id;
    },
    act: (reference, email, action, reason) =>
      tryControl(control, 'POST', `/document-processes/${encodeURIComponent(reference)}/parties/${encodeURIComponent(email)}/actions`, { action, ...(reason ? { reason } : {}) }),
    async truth(reference) {
      const process = await control<Process>('GET', `/document-processes/${encodeURIComponent(reference)}`);
      const completed = process.status === 'COMPLETED';
      return {
        status: STATUS[process.status] ?? 'open',
        participants: process.parties
          .filter((party) => party.role !== 'SENDER')
          .map((party) => ({
            email: party.party.contacts[0]?.attributes.email ?? '',
            outcome: party.participationStatus === 'COMPLETED' ? 'done' : party.participationStatus === 'REJECTED' ? 'rejected' : 'open',
            reason: party.events?.find((event) => event.attributes?.comment !== undefined)?.attributes?.comment ?? null,
          })),
        signedSha256: completed ? process.files.filter((file) => file.filePurpose === 'SIGNED_CONTENT_FILE').map((file) => process.fileSha256[file.id]!) : [],
      };
    },
    async envelopes() {
      const processes = await control<Array<{ id: string; title: string; status: string; ownerEmail: string }>>('GET', '/document-processes');
      return processes.filter((process) => process.ownerEmail === account).map((process) => ({ reference: process.id, title: process.title, draft: process.status === 'DRAFT' }));
    },
    async weather(weather) {
      await control('PUT', '/faults', { ...knobs(weather), ...(weather.expireTokens ? { expireTokensNow: true } : {}) });
    },
    async advanceClock() {},
    close,
  };
}

export async function connectiveProvider(): Promise<ChaosProvider> {
  const { sandbox, control, close } = await sandboxIn(startConnectiveSandbox);
  let owner = '';
  type Actor = { Type: string; ActorStatus: string; Reason: string | null };
  type Package = { PackageStatus: string; Stakeholders: Array<{ EmailAddress: string; Actors: Actor[] }>; PackageDocuments: Array<{ Signed: boolean; Sha256: string }> };
  const STATUS: Record<string, ProviderTruth['status']> = { Draft: 'draft', Pending: 'open', Finished: 'completed', Rejected: 'rejected', Revoked: 'withdrawn', Expired: 'expired' };
  const OUTCOME: Record<string, ProviderTruth['participants'][number]['outcome']> = { Finished: 'done', Rejected: 'rejected', Skipped: 'skipped' };
  return {
    id: 'connective',
    roles: ['signer', 'approver', 'receiver'],
    can: { remind: true, extendExpiry: true, skipPending: true, expire: true },
    async connect(server) {
      const user = await control<{ username: string; password: string }>('POST', '/api-users', { name: 'chaos soak' });
      owner = user.username;
      const connection = await server.call((api) => api.post('/api/v1/connections', { provider: 'connective', name: 'Connective (chaos)', baseUrl: `${sandbox.url}/webportalapi/v3/`, ...user }), 201);
      return connection.id;
    },
    // Connective's approvers act with the same action as its signers.
    act: (reference, email, action, reason) =>
      tryControl(control, 'POST', `/packages/${encodeURIComponent(reference)}/actors/${encodeURIComponent(email)}/actions`, { action: action === 'reject' ? 'reject' : 'sign', ...(reason ? { reason } : {}) }),
    async truth(reference) {
      const pkg = await control<Package>('GET', `/packages/${encodeURIComponent(reference)}`);
      const completed = pkg.PackageStatus === 'Finished';
      return {
        status: STATUS[pkg.PackageStatus] ?? 'open',
        participants: pkg.Stakeholders.flatMap((stakeholder) =>
          stakeholder.Actors.filter((actor) => actor.Type !== 'Receiver').map((actor) => ({
            email: stakeholder.EmailAddress.toLowerCase(),
            outcome: OUTCOME[actor.ActorStatus] ?? 'open',
            reason: actor.ActorStatus === 'Rejected' ? actor.Reason : null,
          })),
        ),
        signedSha256: completed ? pkg.PackageDocuments.map((document) => document.Sha256) : [],
      };
    },
    async envelopes() {
      const packages = await control<Array<{ Id: string; PackageName: string; PackageStatus: string; Owner: string }>>('GET', '/packages');
      return packages.filter((pkg) => pkg.Owner === owner).map((pkg) => ({ reference: pkg.Id, title: pkg.PackageName, draft: pkg.PackageStatus === 'Draft' }));
    },
    async weather(weather) {
      await control('PUT', '/faults', knobs(weather));
    },
    async advanceClock(ms) {
      await control('POST', '/clock', { advanceMs: ms });
    },
    close,
  };
}

export async function consignoProvider(): Promise<ChaosProvider> {
  const { sandbox, control, close } = await sandboxIn(startConsignoSandbox);
  let owner = '';
  type Action = { status: string; declineReason: string | null; signer: { email: string } };
  type Workflow = { status: number; actions: Action[]; documents: Array<{ sha256: string | null; signed: boolean }>; events: Array<{ event: string }> };
  const ENDED: Record<string, ProviderTruth['status']> = { 'Workflow completed': 'completed', 'Workflow declined': 'rejected', 'Workflow expired': 'expired' };
  const STATUS: Record<number, ProviderTruth['status']> = { 0: 'draft', 1: 'open', 2: 'completed', 3: 'expired', 5: 'rejected', 6: 'withdrawn' };
  const participantsOf = (workflow: Workflow): ProviderTruth['participants'] =>
    workflow.actions.map((action) => ({
      email: action.signer.email.toLowerCase(),
      outcome: action.status === 'COMPLETED' ? 'done' : action.status === 'DECLINED' ? 'rejected' : 'open',
      reason: action.declineReason,
    }));
  return {
    id: 'consigno',
    roles: ['signer', 'approver', 'receiver'],
    can: { remind: false, extendExpiry: false, skipPending: false, expire: true },
    async connect(server) {
      const user = await control<{ username: string; password: string }>('POST', '/api-users', { name: 'chaos soak', secondFactorRequired: false });
      owner = user.username;
      const connection = await server.call((api) => api.post('/api/v1/connections', { provider: 'consigno', name: 'ConsignO (chaos)', baseUrl: `${sandbox.url}/api/v1/`, ...user }), 201);
      return connection.id;
    },
    act: (reference, email, action, reason) =>
      tryControl(control, 'POST', `/workflows/${encodeURIComponent(reference)}/signers/${encodeURIComponent(email)}/actions`, { action: action === 'reject' ? 'decline' : 'sign', ...(reason ? { reason } : {}) }),
    async truth(reference) {
      const workflow = await control<Workflow>('GET', `/workflows/${encodeURIComponent(reference)}`);
      const completed = workflow.status === 2;
      // Deleted (6) after it had ended: the envelope ended as it did then, its files gone since.
      const endedBefore = workflow.status === 6 ? workflow.events.map((event) => ENDED[event.event]).find((status) => status !== undefined) : undefined;
      if (endedBefore) return { status: endedBefore, participants: participantsOf(workflow), signedSha256: null };
      return {
        status: STATUS[workflow.status] ?? 'open',
        participants: participantsOf(workflow),
        signedSha256: completed ? workflow.documents.map((document) => document.sha256 ?? '') : [],
      };
    },
    async envelopes() {
      const workflows = await control<Array<{ id: string; name: string; owner: string; status: number }>>('GET', '/workflows');
      return workflows.filter((workflow) => workflow.owner === owner).map((workflow) => ({ reference: workflow.id, title: workflow.name, draft: workflow.status === 0 }));
    },
    async weather(weather) {
      await control('PUT', '/faults', { ...knobs(weather), rotatedTokenFails: weather.rotatedTokensFail });
    },
    async advanceClock(ms) {
      await control('POST', '/clock', { advanceMs: ms });
    },
    close,
  };
}

export const CHAOS_PROVIDERS = { autenti: autentiProvider, connective: connectiveProvider, consigno: consignoProvider } as const;
