import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { pino } from 'pino';
import { buildServer, type CountersignServer, type ServerOptions } from '../../src/api/server.js';
import { hashSecret } from '../../src/app/api-keys.js';
import { createConnection } from '../../src/app/connections.js';
import type { AppContext } from '../../src/app/context.js';
import { createEnvelope, type ParticipantInput } from '../../src/app/envelopes/envelopes.js';
import { createSecretBox } from '../../src/app/secrets.js';
import type { Job, JobContext } from '../../src/jobs/queue.js';
import { createTableQueue } from '../../src/jobs/table-queue.js';
import { NOTHING_ALLOWED } from '../../src/net/outbound-guard.js';
import type { ProviderRegistry } from '../../src/providers/registry.js';
import { createFsBlobStore } from '../../src/store/blobs.js';
import { insertDocument } from '../../src/store/documents.js';
import { openTestDatabase } from './database.js';
import { fakeRegistry, type FakeProvider } from './fake-provider.js';

/**
 * A whole AppContext over a fresh database (`openTestDatabase`: SQLite, or PostgreSQL when
 * COUNTERSIGN_TEST_DATABASE_URL is set) and blob folder, with `providers` as given (a fake adapter's
 * registry), for app-level tests of the use cases that talk to providers. The queue is the table
 * queue over the same database on both (its SQL is portable) and the blobs are files.
 */
export async function createTestContext(providers: ProviderRegistry): Promise<{ context: AppContext; close(): Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-app-'));
  const database = await openTestDatabase();
  const db = database.db;
  const context: AppContext = {
    db,
    blobs: await createFsBlobStore(join(folder, 'blobs')),
    queue: createTableQueue(db),
    logger: pino({ level: 'silent' }),
    limits: { maxUploadBytes: 10 * 1024 * 1024 },
    now: () => new Date(),
    secrets: createSecretBox(randomBytes(32)),
    providers,
    selfUrl: () => 'http://127.0.0.1:3000',
    outbound: { allow: NOTHING_ALLOWED },
  };
  return {
    context,
    async close() {
      await database.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A connection of the given provider (the fake answers for it). */
export async function createTestConnection(context: AppContext, provider = 'autenti'): Promise<string> {
  const connection = await createConnection(context, {
    provider,
    name: 'Fake provider',
    baseUrl: 'https://provider.example/api/',
    credentials: { clientId: 'client', clientSecret: 'secret', accountEmail: 'sender@acme.test' },
  });
  return connection.id;
}

/** A stored PDF document, as an upload leaves it. */
export async function createTestDocument(context: AppContext, title: string): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawText(title, { x: 72, y: 760 });
  const blob = await context.blobs.write(Readable.from([Buffer.from(await pdf.save())]));
  const id = `doc_${title.toLowerCase().replaceAll(/[^a-z0-9]+/g, '_')}`;
  await insertDocument(context.db, {
    id,
    filename: `${title}.pdf`,
    mediaType: 'application/pdf',
    size: blob.size,
    sha256: blob.sha256,
    blobKey: blob.key,
    createdAt: new Date().toISOString(),
    pageCount: 1,
    warnings: [],
  });
  return id;
}

/** A ready envelope on `connectionId`: one document, signers Anna (step 1) and Bert (step 2) unless given. */
export async function createReadyEnvelope(
  context: AppContext,
  connectionId: string,
  options: { participants?: ParticipantInput[]; expiresAt?: string | null; documents?: number } = {},
): Promise<string> {
  const documentIds: string[] = [];
  for (let index = 1; index <= (options.documents ?? 1); index += 1) documentIds.push(await createTestDocument(context, `Agreement ${index} ${Math.random().toString(36).slice(2, 8)}`));
  const envelope = await createEnvelope(
    context,
    {
      title: 'Boat rental agreement',
      connectionId,
      documentIds,
      expiresAt: options.expiresAt ?? null,
      participants: options.participants ?? [
        { firstName: 'Anna', lastName: 'Nowak', email: 'anna@client.test', role: 'signer', step: 1 },
        { firstName: 'Bert', lastName: 'Berg', email: 'bert@client.test', role: 'signer', step: 2 },
      ],
    },
    { source: 'api' },
  );
  return envelope.id;
}

/** What a queue worker hands a job handler on attempt `attempts` of `maxAttempts`. */
export function jobContextOf(attempts: number, maxAttempts = 5): JobContext {
  const job = { id: 'job_test', name: 'test', data: {}, state: 'active', attempts, maxAttempts } as Job;
  return { job, reportProgress: async () => {}, signal: new AbortController().signal };
}

/**
 * The real HTTP stack over `context`, in this process (requests by `inject`): no sandboxes, small
 * edge limits, the queue reported running; `options` changes any of that (an API key, the sandboxes,
 * the schema compilers, readiness).
 */
export function buildTestServer(context: AppContext, options: Partial<Omit<ServerOptions, 'context'>> = {}): Promise<CountersignServer> {
  return buildServer({
    context,
    environmentKeyHash: undefined,
    version: 'test',
    sandboxes: null,
    edge: { requestTimeoutMs: 10_000, uploadIdleTimeoutMs: 10_000, maxConcurrentUploads: 2, https: false },
    readiness: { queueRunning: () => true },
    ...options,
  });
}

/** The key `startTestApi`'s server takes: the installation's key, with every scope. */
export const TEST_API_KEY = 'test-key-0123456789abcdef0123456789';

/**
 * What the API's HTTP tests start before each test: a context over `fake` with one connection of it,
 * and the real HTTP stack over that context, taking TEST_API_KEY. `close` stops both.
 */
export async function startTestApi(fake: FakeProvider): Promise<{ context: AppContext; connectionId: string; server: CountersignServer; close(): Promise<void> }> {
  const { context, close } = await createTestContext(fakeRegistry(fake));
  const connectionId = await createTestConnection(context);
  const server = await buildTestServer(context, { environmentKeyHash: hashSecret(TEST_API_KEY) });
  return {
    context,
    connectionId,
    server,
    async close() {
      await server.close();
      await close();
    },
  };
}
