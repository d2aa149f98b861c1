import { KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { providerFixtureJson } from '../../../test/support/provider-fixtures.js';
import { LOOPBACK_ALLOWED } from '../../net/outbound-guard.js';
import { ProviderError } from '../errors.js';
import type { CallbackRequest } from '../provider.js';
import type { ConnectionConfig } from '../registry.js';
import { callbackTargets, createAutentiProvider } from './index.js';
import { toSnapshot } from './mapping.js';
import { readActionAnswer, readProcess } from './schemas.js';

/**
 * The two shapes Autenti's answers come in (seed 003 and the live service, docs/providers.md "Autenti:
 * live service versus seed 003 — the adapter"), and the refusal of a third that neither describes.
 */

const seedProcess = () => providerFixtureJson<Record<string, unknown>>('autenti', 'document-process.example.json');

/** The seed's example process renamed as the live service names things: `files`, party `events`. */
function liveProcess(): Record<string, unknown> {
  const { contentElements, parties, ...rest } = seedProcess() as { contentElements: unknown[]; parties: Array<Record<string, unknown>> };
  return {
    ...rest,
    files: (contentElements as Array<Record<string, unknown>>).map((file) => ({ ...file, size: 1234 })),
    parties: parties.map(({ participationEvents, ...party }) => (participationEvents === undefined ? party : { ...party, events: participationEvents })),
  };
}

describe('readProcess', () => {
  it('reads the seed shape and the live shape into the same snapshot and files', () => {
    const fromSeed = readProcess(seedProcess(), 'test');
    const fromLive = readProcess(liveProcess(), 'test');
    expect(toSnapshot(fromLive)).toEqual(toSnapshot(fromSeed));
    // The events were read (a viewed timestamp comes from them), not lost in the renaming.
    expect(toSnapshot(fromLive).participants[0]!.timestamps.viewedAt).toBe('2020-07-18T19:16:40.997Z');
    expect(fromLive.files!.map((file) => file.id)).toEqual(fromSeed.files!.map((file) => file.id));
    expect(fromLive.files![0]!.size).toBe(1234);
  });

  it('takes null as absent, as in requests', () => {
    const process = readProcess({ id: 'DOCUMENT_PROCESS:1', status: 'DRAFT', description: null, parties: null, files: [{ id: 'FILE:1', modificationTime: null }] }, 'test');
    expect(process).toEqual({ id: 'DOCUMENT_PROCESS:1', status: 'DRAFT', files: [{ id: 'FILE:1' }] });
  });

  it('refuses a structure neither document describes, saying where and what came', () => {
    const refused = (value: unknown) => {
      try {
        readProcess(value, 'reading document process DOCUMENT_PROCESS:1');
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const partiesAsObject = refused({ id: 'DOCUMENT_PROCESS:1', parties: { SIGNER: [] } });
    expect(ProviderError.is(partiesAsObject, 'unsupported'), String(partiesAsObject)).toBe(true);
    expect((partiesAsObject as ProviderError).retryable).toBe(false);
    expect((partiesAsObject as ProviderError).message).toMatch(
      /^Autenti answered reading document process DOCUMENT_PROCESS:1 in a shape Countersign does not know, so it did not guess: at \/parties it sent an object with fields SIGNER \(must be array\); expected a document process object/,
    );
    expect((refused({ id: 'DOCUMENT_PROCESS:1', files: [{ name: 'a.pdf' }] }) as Error).message).toContain('at /files/0 it sent an object with fields name');
    expect((refused({ id: 'DOCUMENT_PROCESS:1', parties: [{ events: { SIGNATURE: 1 } }] }) as Error).message).toContain('at /parties/0/events');
    expect((refused([{ id: 'DOCUMENT_PROCESS:1' }]) as Error).message).toContain('it sent a list of 1');
    // Field names from the answer appear only when they are short identifiers; never its values.
    const hostile = (refused({ id: 'DOCUMENT_PROCESS:1', parties: { 'Call +1 555 0100 now': 'secret value' } }) as Error).message;
    expect(hostile).toContain('at /parties it sent an object with fields ?');
    expect(hostile).not.toContain('555');
    expect(hostile).not.toContain('secret value');
  });
});

describe('readActionAnswer', () => {
  const event = { id: 'EVENT:1', eventType: 'EVENT_CLASSIFIER-UNIQUE_TYPE:DOCUMENT_SENT', object: { id: 'DOCUMENT_PROCESS:1', type: 'EVENT_OBJECT-TYPE:DOCUMENT_PROCESS' } };

  it('reads the seed\'s single event and the live array of events', () => {
    expect(readActionAnswer(event, 'test')).toEqual([event]);
    expect(readActionAnswer([event, { ...event, id: 'EVENT:2' }], 'test').map((read) => read.id)).toEqual(['EVENT:1', 'EVENT:2']);
    expect(readActionAnswer(undefined, 'test')).toEqual([]);
  });

  it('refuses an answer that is not an event', () => {
    expect(() => readActionAnswer({ result: 'ok' }, 'acting')).toThrow(/^Autenti answered acting in a shape Countersign does not know.*expected one event object or a JSON array of events/);
    expect(() => readActionAnswer('sent', 'acting')).toThrow(/it sent a string/);
  });
});

describe('callbackTargets', () => {
  const delivery = (body: unknown): CallbackRequest => ({ method: 'POST', url: '/api/v1/callbacks/con_1/token', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const eventAbout = (id: string, type = 'EVENT_OBJECT-TYPE:DOCUMENT_PROCESS') => ({
    id: `EVENT:${id}`,
    actor: { id: 'PARTY:1', type: 'PERSON' },
    eventType: 'SIGNATURE',
    object: { id, type },
    timestamp: '2026-11-30T10:00:00Z',
  });

  it('reads the client-level single event and a subscription\'s array, naming each process once', () => {
    expect(callbackTargets(delivery(eventAbout('DOCUMENT_PROCESS:a')))).toEqual({ reference: 'DOCUMENT_PROCESS:a' });
    expect(callbackTargets(delivery([eventAbout('DOCUMENT_PROCESS:a')]))).toEqual({ reference: 'DOCUMENT_PROCESS:a' });
    expect(
      callbackTargets(delivery([eventAbout('DOCUMENT_PROCESS:a'), eventAbout('DOCUMENT_PROCESS:b'), eventAbout('DOCUMENT_PROCESS:a'), eventAbout('PARTY:x', 'EVENT_OBJECT-TYPE:PARTY')])),
    ).toEqual([{ reference: 'DOCUMENT_PROCESS:a' }, { reference: 'DOCUMENT_PROCESS:b' }]);
  });

  it('ignores, with a warning, a body that is neither shape', () => {
    const warnings: string[] = [];
    const logger = { debug: () => undefined, warn: (_object: Record<string, unknown>, message?: string) => void warnings.push(message ?? '') };
    expect(callbackTargets(delivery({ documentId: 'DOCUMENT_PROCESS:a' }), logger)).toBeNull();
    expect(callbackTargets(delivery([eventAbout('DOCUMENT_PROCESS:a'), 'oops']), logger)).toBeNull();
    expect(callbackTargets({ ...delivery(null), body: 'not json' }, logger)).toBeNull();
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/neither one event object nor a JSON array of events/);
  });
});

/**
 * A fake Autenti (not project code): a token endpoint and whatever `answers` says for the rest, so
 * the whole adapter meets an answer neither document describes.
 */
describe('the adapter against an Autenti answering a shape neither document describes', () => {
  let privateKey: KeyObject;
  const servers: Server[] = [];
  beforeAll(async () => {
    privateKey = KeyObject.from((await generateKeyPair('RS256', { extractable: true })).privateKey);
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function fakeAutenti(answers: Record<string, unknown>): Promise<ConnectionConfig> {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const path = (request.url ?? '').replace(/^\/api\/v2\//, '');
        if (path === 'auth/token') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'T', expires_in: 3600 }));
        const key = `${request.method} ${decodeURIComponent(path)}`;
        if (!(key in answers)) return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answers[key]));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      id: 'con_fake',
      provider: 'autenti',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/`,
      credentials: { clientId: 'client-1', clientSecret: 'secret', accountEmail: 'sender@example.test' },
      keyPair: { keyId: 'k1', algorithm: 'RS256', publicJwk: {}, privateKey: async () => privateKey },
      outbound: { allow: LOOPBACK_ALLOWED },
    };
  }

  it('refuses to guess a status from a process whose parties are not a list', async () => {
    const adapter = createAutentiProvider(
      await fakeAutenti({ 'GET document-processes/DOCUMENT_PROCESS:1': { id: 'DOCUMENT_PROCESS:1', status: 'COMPLETED', parties: { signers: 'all done' } } }),
    );
    try {
      const error = await adapter.fetch('DOCUMENT_PROCESS:1').catch((caught: unknown) => caught);
      expect(ProviderError.is(error, 'unsupported'), String(error)).toBe(true);
      expect((error as ProviderError).message).toMatch(/did not guess: at \/parties it sent an object with fields signers/);
    } finally {
      await adapter.dispose();
    }
  });

  it('refuses to call a process without files "not signed yet"', async () => {
    const adapter = createAutentiProvider(await fakeAutenti({ 'GET document-processes/DOCUMENT_PROCESS:1': { id: 'DOCUMENT_PROCESS:1', status: 'COMPLETED', parties: [] } }));
    try {
      const error = await (async () => {
        for await (const file of adapter.download('DOCUMENT_PROCESS:1', 'signed')) void file;
      })().catch((caught: unknown) => caught);
      expect(ProviderError.is(error, 'unsupported'), String(error)).toBe(true);
      expect((error as ProviderError).message).toContain('it listed no files at all (neither files nor contentElements)');
    } finally {
      await adapter.dispose();
    }
  });

  it('says so when a withdrawal is accepted with an answer that is not an event', async () => {
    const adapter = createAutentiProvider(await fakeAutenti({ 'POST document-processes/DOCUMENT_PROCESS:1/actions': { result: 'withdrawn' } }));
    try {
      const error = await adapter.withdraw('DOCUMENT_PROCESS:1').catch((caught: unknown) => caught);
      expect(ProviderError.is(error, 'unsupported'), String(error)).toBe(true);
      expect((error as ProviderError).message).toMatch(/the action was accepted, HTTP 2xx\) in a shape Countersign does not know/);
    } finally {
      await adapter.dispose();
    }
  });
});
