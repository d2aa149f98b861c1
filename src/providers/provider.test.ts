import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CountersignError } from '../domain/errors.js';
import {
  DEFAULT_CAPABILITIES,
  defineCapabilities,
  fileKindOf,
  requireCapability,
  supports,
  type Feature,
} from './capabilities.js';
import { parseRetryAfter, ProviderError, withoutRetryNote } from './errors.js';
import { checkSendRequest } from './send-check.js';
import { defineProvider } from './descriptor.js';
import { Type } from 'typebox';
import {
  createMemoryCheckpoint,
  isProviderId,
  type SendCheckpoint,
  type SendParticipant,
  type SendRequest,
  type SignatureProvider,
} from './provider.js';
import { createProvider, type ConnectionConfig, type ProviderRegistry } from './registry.js';
import { NOTHING_ASKED } from '../../test/support/send-participants.js';

const ALL_FEATURES: Feature[] = [
  'participantLanguage',
  'parallelSteps',
  'expiry',
  'reminders',
  'withdraw',
  'expiryChange',
  'skipPending',
  'deletion',
  'embeddedSigning',
  'auditProof',
  'callbacks',
  'deltaListing',
];

describe('defineCapabilities', () => {
  it('defaults every feature to unsupported, PDF only, signers only, no limits known', () => {
    const capabilities = defineCapabilities({});
    expect(capabilities).toEqual(DEFAULT_CAPABILITIES);
    expect(capabilities.fileKinds).toEqual(['pdf']);
    expect(capabilities.roles).toEqual(['signer']);
    expect(capabilities.signatureLevels).toEqual([]);
    expect(capabilities.signatureFields).toEqual([]);
    expect([capabilities.maxDocuments, capabilities.maxParticipants, capabilities.maxFileBytes]).toEqual([null, null, null]);
    expect(capabilities.languages).toBeNull();
    expect(capabilities.rateLimit).toBeNull();
    expect(capabilities.reminders).toBe('none');
    expect(capabilities.auditProof).toBe('none');
    for (const feature of ALL_FEATURES) expect(supports(capabilities, feature), feature).toBe(false);
  });

  it('lays the partial over the defaults and leaves the rest alone', () => {
    const capabilities = defineCapabilities({
      fileKinds: ['pdf', 'docx'],
      withdraw: true,
      reminders: 'all-pending',
      auditProof: 'xml',
      rateLimit: { calls: 100, perMs: 60_000 },
    });
    expect(capabilities.fileKinds).toEqual(['pdf', 'docx']);
    expect(supports(capabilities, 'withdraw')).toBe(true);
    expect(supports(capabilities, 'reminders')).toBe(true);
    expect(supports(capabilities, 'auditProof')).toBe(true);
    expect(supports(capabilities, 'skipPending')).toBe(false);
    expect(capabilities.roles).toEqual(['signer']);
    expect(capabilities.rateLimit).toEqual({ calls: 100, perMs: 60_000 });
  });

  it('treats an explicit undefined as "not stated" and copies and freezes what it was given', () => {
    const roles: Array<'signer' | 'receiver'> = ['signer', 'receiver'];
    const capabilities = defineCapabilities({ roles, withdraw: undefined });
    roles.push('signer');
    expect(capabilities.roles).toEqual(['signer', 'receiver']);
    expect(capabilities.withdraw).toBe(false);
    expect(Object.isFrozen(capabilities)).toBe(true);
    expect(Object.isFrozen(capabilities.roles)).toBe(true);
  });
});

describe('requireCapability', () => {
  const consigno = { id: 'consigno' as const, capabilities: defineCapabilities({ parallelSteps: true }) };

  it('throws an unsupported ProviderError naming the feature and the provider', () => {
    let thrown: unknown;
    try {
      requireCapability(consigno, 'skipPending');
    } catch (error) {
      thrown = error;
    }
    expect(ProviderError.is(thrown, 'unsupported')).toBe(true);
    const error = thrown as ProviderError;
    expect(error.code).toBe('PROVIDER_UNSUPPORTED');
    expect(error.provider).toBe('consigno');
    expect(error.feature).toBe('skipPending');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('ConsignO Cloud');
    expect(error.message).toContain('skipping participants who have not acted');
    expect(error.message).toContain('"skipPending"');
    expect(error.message.toLowerCase()).not.toContain('unknown');
  });

  it('returns quietly when the feature is supported, including non-boolean capabilities', () => {
    expect(() => requireCapability(consigno, 'parallelSteps')).not.toThrow();
    const connective = { id: 'connective' as const, capabilities: defineCapabilities({ reminders: 'all-pending' }) };
    expect(() => requireCapability(connective, 'reminders')).not.toThrow();
    expect(() => requireCapability(connective, 'auditProof')).toThrow(/Connective eSignatures does not support downloading an audit proof/);
  });
});

describe('ProviderError', () => {
  it('is a CountersignError with a stable code, recognised by ProviderError.is', () => {
    const error = new ProviderError({ kind: 'not-found', provider: 'autenti', message: 'No such document process.' });
    expect(error).toBeInstanceOf(CountersignError);
    expect(CountersignError.is(error)).toBe(true);
    expect(ProviderError.is(error)).toBe(true);
    expect(ProviderError.is(error, 'not-found')).toBe(true);
    expect(ProviderError.is(error, 'conflict')).toBe(false);
    expect(ProviderError.is(new CountersignError('NOT_FOUND', 'x'))).toBe(false);
    expect(ProviderError.is('PROVIDER_NOT_FOUND')).toBe(false);
    expect(error.name).toBe('ProviderError');
    expect(error.code).toBe('PROVIDER_NOT_FOUND');
    expect([error.httpStatus, error.providerMessage, error.retryAfterMs]).toEqual([null, null, null]);
  });

  it('marks rate limiting retryable and keeps the retry-after delay', () => {
    const error = ProviderError.fromHttpStatus({
      provider: 'connective',
      httpStatus: 429,
      operation: 'listing packages',
      retryAfter: '30',
    });
    expect(error.kind).toBe('rate-limited');
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.message).toBe('Connective eSignatures is rate limiting this connection while listing packages; Countersign waits for 30 s and retries.');
    // Once the retries are over, the reason no longer promises one.
    expect(withoutRetryNote(error.message)).toBe('Connective eSignatures is rate limiting this connection while listing packages.');
    expect(withoutRetryNote('Autenti could not be reached while reading (ECONNRESET). Countersign retries later.')).toBe('Autenti could not be reached while reading (ECONNRESET).');
    // Every wording of the promise goes, so that a failed envelope never says it will be retried.
    const unavailable = ProviderError.fromHttpStatus({ provider: 'autenti', httpStatus: 503, operation: 'creating a document process', providerMessage: 'Maintenance window' });
    expect(unavailable.message).toContain('Countersign retries later.');
    expect(withoutRetryNote(unavailable.message)).toBe('Autenti did not complete creating a document process (HTTP 503): Maintenance window.');
    const limited = ProviderError.fromHttpStatus({ provider: 'connective', httpStatus: 429, operation: 'creating a package' });
    expect(withoutRetryNote(limited.message)).toBe('Connective eSignatures is rate limiting this connection while creating a package.');
    expect(withoutRetryNote('Autenti refused the document (HTTP 400).')).toBe('Autenti refused the document (HTTP 400).');
  });

  it('reads Retry-After as seconds or as an HTTP date, never negative', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('classifies the other statuses, keeping the provider message verbatim', () => {
    const read = (httpStatus: number) =>
      ProviderError.fromHttpStatus({ provider: 'consigno', httpStatus, operation: 'creating the workflow', providerMessage: 'Only PDF' });
    expect(read(400).kind).toBe('validation');
    expect(read(400).retryable).toBe(false);
    expect(read(400).providerMessage).toBe('Only PDF');
    expect(read(400).message).toBe('ConsignO Cloud refused creating the workflow (HTTP 400): Only PDF');
    expect(read(401).kind).toBe('authentication');
    expect(read(401).message).toContain('Settings → Connections');
    expect(read(404).kind).toBe('not-found');
    expect(read(409).kind).toBe('conflict');
    expect(read(503).kind).toBe('unavailable');
    expect(read(503).retryable).toBe(true);
    expect(read(503).httpStatus).toBe(503);
  });

  it('says plainly what is unsupported', () => {
    const error = ProviderError.unsupported(
      'autenti',
      'CHALLENGE:INFOCERT_PIN',
      'Unsupported feature detected in this document process; continue in Autenti.',
    );
    expect(error.code).toBe('PROVIDER_UNSUPPORTED');
    expect(error.feature).toBe('CHALLENGE:INFOCERT_PIN');
    expect(ProviderError.unsupported('autenti', 'X').message).toBe('Unsupported feature detected (X); continue in Autenti.');
  });
});

const participant = (overrides: Partial<SendParticipant> = {}): SendParticipant => ({
  id: 'par_1',
  firstName: 'Mark',
  lastName: 'Wazowski',
  email: 'mark.wazowski@acme.com',
  step: 1,
  ...NOTHING_ASKED,
  ...overrides,
});

const request = (overrides: Partial<SendRequest> = {}): SendRequest => ({
  envelopeId: 'env_1',
  title: 'Sailing boat rental agreement',
  message: null,
  language: null,
  expiresAt: null,
  externalRef: null,
  callbackUrl: null,
  documents: [
    {
      id: 'doc_1',
      filename: 'rental.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size: 1000,
      sha256: '0'.repeat(64),
      open: async () => Readable.from([Buffer.from('bytes')]),
    },
  ],
  participants: [participant()],
  ...overrides,
});

describe('checkSendRequest', () => {
  it('accepts a request that fits', () => {
    const autentiLike = { id: 'autenti' as const, capabilities: defineCapabilities({ fileKinds: ['pdf', 'docx'] }) };
    expect(checkSendRequest(autentiLike, request())).toEqual([]);
  });

  it('names every part the provider cannot take, by field path', () => {
    const consignoLike = { id: 'consigno' as const, capabilities: defineCapabilities({ signatureFields: ['box', 'anchor'] }) };
    const problems = checkSendRequest(
      consignoLike,
      request({
        expiresAt: '2026-12-31T00:00:00Z',
        participants: [
          participant({ role: 'approver', authentication: [{ method: 'sms' }] }),
          participant({ id: 'par_2', signatureLevel: 'qualified' }),
        ],
      }),
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      'documents[0]',
      'expiresAt',
      'participants[0].role',
      'participants[0].authentication[0]',
      'participants[1].signatureLevel',
      'participants[1].email',
      'participants',
    ]);
    expect(problems[0]!.message).toBe(
      'ConsignO Cloud accepts pdf files; rental.docx is docx (capability "fileKinds"). Convert it to PDF and upload that instead.',
    );
    expect(problems[3]!.message).toBe('ConsignO Cloud supports the authentication methods email-link; not sms (capability "authenticationMethods").');
  });

  it('asks for a phone number when SMS codes are wanted', () => {
    const provider = { id: 'connective' as const, capabilities: defineCapabilities({ fileKinds: ['docx'], authenticationMethods: ['email-link', 'sms'] }) };
    const problems = checkSendRequest(provider, request({ participants: [participant({ authentication: [{ method: 'sms' }] })] }));
    expect(problems).toEqual([{ path: 'participants[0].phone', message: "Authentication by sms needs the participant's phone number." }]);
  });

  it('names the capability for delivery, language, eID scheme and fields', () => {
    const provider = {
      id: 'connective' as const,
      capabilities: defineCapabilities({ fileKinds: ['docx'], authenticationMethods: ['email-link', 'eid'], eidSchemes: ['itsme'], signatureFields: ['anchor'], fieldTypes: ['signature'] }),
    };
    const problems = checkSendRequest(
      provider,
      request({
        participants: [
          participant({
            authentication: [{ method: 'eid', scheme: 'beid' }],
            language: 'fr',
            delivery: { mode: 'embedded', returnUrl: 'https://crm.example.com/done' },
            fields: [
              { type: 'signature', documentId: 'doc_1', page: 1, left: 10, top: 10, width: 100, height: 40 },
              { type: 'date', documentId: 'doc_1', anchor: '[[date-1]]' },
              { type: 'signature', documentId: 'doc_1', anchor: '[[sign-1]]' },
            ],
          }),
        ],
      }),
    );
    expect(problems.map((problem) => [problem.path, /capability "(\w+)"/.exec(problem.message)?.[1]])).toEqual([
      ['participants[0].authentication[0].scheme', 'eidSchemes'],
      ['participants[0].language', 'participantLanguage'],
      ['participants[0].delivery', 'embeddedSigning'],
      ['participants[0].fields[0]', 'signatureFields'],
      ['participants[0].fields[1].type', 'fieldTypes'],
    ]);
  });

  it('refuses an anchor’s pages and offsets where the provider places it at the text itself', () => {
    const anchors = defineCapabilities({ fileKinds: ['docx'], signatureFields: ['anchor'], fieldTypes: ['signature'] });
    const field = { type: 'signature' as const, documentId: 'doc_1', anchor: '[[sign-1]]', pages: [2], offsetY: 12 };
    const asked = request({ participants: [participant({ fields: [field] })] });
    expect(checkSendRequest({ id: 'connective', capabilities: anchors }, asked).map((problem) => [problem.path, /capability "(\w+)"/.exec(problem.message)?.[1]])).toEqual([
      ['participants[0].fields[0].pages', 'anchorAdjustments'],
      ['participants[0].fields[0].offsetY', 'anchorAdjustments'],
    ]);
    expect(checkSendRequest({ id: 'consigno', capabilities: { ...anchors, anchorAdjustments: true } }, asked)).toEqual([]);
  });

  it('refuses fields outright where the provider places signatures itself', () => {
    const provider = { id: 'autenti' as const, capabilities: defineCapabilities({ fileKinds: ['docx'] }) };
    const field = { type: 'signature' as const, documentId: 'doc_1', anchor: '[[sign-1]]' };
    expect(checkSendRequest(provider, request({ participants: [participant({ fields: [field] })] }))).toEqual([
      { path: 'participants[0].fields[0]', message: 'Autenti places signatures itself; remove the field (capability "signatureFields").' },
    ]);
  });

  it('lets one person sign and receive; two acting roles need repeatedParticipants', () => {
    const strict = defineCapabilities({ roles: ['signer', 'approver', 'receiver'], fileKinds: ['docx'] });
    const signAndReceive = request({ participants: [participant(), participant({ id: 'par_2', role: 'receiver', step: 2 })] });
    expect(checkSendRequest({ id: 'autenti', capabilities: strict }, signAndReceive)).toEqual([]);
    const approveThenSign = request({ participants: [participant({ role: 'approver' }), participant({ id: 'par_2', step: 2 })] });
    expect(checkSendRequest({ id: 'autenti', capabilities: strict }, approveThenSign).map((problem) => problem.path)).toEqual(['participants[1].email']);
    expect(checkSendRequest({ id: 'autenti', capabilities: { ...strict, repeatedParticipants: true } }, approveThenSign)).toEqual([]);
  });

  it('maps stored media types to file kinds', () => {
    expect(fileKindOf('application/pdf')).toBe('pdf');
    expect(fileKindOf('application/vnd.ms-excel')).toBe('xls');
    expect(fileKindOf('image/png')).toBeUndefined();
  });
});

describe('the contract', () => {
  // The state an Autenti-like adapter keeps between attempts (seed 003 "Creating & sending a document via API").
  type ProcessState = { processId?: string; fileIds?: Record<string, string>; partiesSet?: boolean; sending?: boolean; sent?: boolean };

  /** A toy adapter that follows the checkpoint rules; it counts what it "creates" at the provider. */
  function toyProvider(calls: string[], crashAfter?: string): SignatureProvider<ProcessState> {
    const step = async (name: string, checkpoint: SendCheckpoint<ProcessState>, state: ProcessState) => {
      calls.push(name);
      await checkpoint.save(state);
      if (crashAfter === name) throw new ProviderError({ kind: 'unavailable', provider: 'autenti', message: 'Connection reset.' });
    };
    return {
      contractVersion: 1,
      id: 'autenti',
      capabilities: defineCapabilities({ withdraw: true, deltaListing: true }),
      verify: async () => ({ account: 'james.dawson@email.com' }),
      async send(sendRequest, checkpoint) {
        const state: ProcessState = { ...checkpoint.state };
        if (state.processId === undefined) await step('create', checkpoint, Object.assign(state, { processId: 'DOCUMENT_PROCESS:1' }));
        if (!state.partiesSet) await step('parties', checkpoint, Object.assign(state, { partiesSet: true }));
        for (const document of sendRequest.documents) {
          if (state.fileIds?.[document.id] === undefined) {
            await step(`upload ${document.id}`, checkpoint, Object.assign(state, { fileIds: { ...state.fileIds, [document.id]: 'FILE-1' } }));
          }
        }
        if (!state.sent) await step('send', checkpoint, Object.assign(state, { sent: true }));
        return { reference: state.processId!, participants: [] };
      },
      fetch: async (reference) => ({ reference, detail: 'full', status: { unified: 'sent', raw: { status: 'PROCESSING' } }, participants: [] }),
      changesSince: async () => ({ snapshots: [], nextCursor: '2021-01-12T13:11:02.002Z', hasMore: false }),
      withdraw: async () => {},
      remind: async () => requireCapability({ id: 'autenti', capabilities: DEFAULT_CAPABILITIES }, 'reminders'),
      extendExpiry: async () => {},
      skipPending: async () => {},
      download: async function* () {},
      parseCallback: async () => null,
      dispose: async () => {},
    };
  }

  it('lets a retried send continue from its checkpoint without creating anything twice', async () => {
    const calls: string[] = [];
    const checkpoint = createMemoryCheckpoint<ProcessState>();
    await expect(toyProvider(calls, 'parties').send(request(), checkpoint)).rejects.toThrow('Connection reset.');
    const result = await toyProvider(calls).send(request(), checkpoint);
    expect(result.reference).toBe('DOCUMENT_PROCESS:1');
    expect(calls).toEqual(['create', 'parties', 'upload doc_1', 'send']);
    expect(checkpoint.state).toEqual({ processId: 'DOCUMENT_PROCESS:1', partiesSet: true, fileIds: { doc_1: 'FILE-1' }, sent: true });
    expect(checkpoint.saves).toHaveLength(4);
  });

  it('registers an adapter with its own state type and checks what the factory returns', async () => {
    const connection: ConnectionConfig = { id: 'con_1', provider: 'autenti', baseUrl: 'https://api.accept.autenti.net/api/v2/', credentials: {} };
    const descriptor = (id: 'autenti' | 'connective') =>
      defineProvider({
        id,
        name: id,
        environments: {},
        urlExample: 'https://example.com/api/',
        credentials: Type.Object({}),
        keyPair: false,
        capabilities: DEFAULT_CAPABILITIES,
        create: () => toyProvider([]),
      });
    const registry: ProviderRegistry = [descriptor('autenti')];
    const provider = await createProvider(registry, connection);
    expect(provider.id).toBe('autenti');
    await expect(provider.remind('DOCUMENT_PROCESS:1')).rejects.toMatchObject({ code: 'PROVIDER_UNSUPPORTED', feature: 'reminders' });
    await expect(createProvider(registry, { ...connection, provider: 'connective' })).rejects.toThrow(/no adapter for/);
    await expect(createProvider([descriptor('connective')], { ...connection, provider: 'connective' })).rejects.toThrow(/created a "autenti" adapter/);
    expect(isProviderId('consigno')).toBe(true);
    expect(isProviderId('docusign')).toBe(false);
  });
});
