import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { pino } from 'pino';
import type { AppContext } from '../src/app/context.js';
import { createSecretBox } from '../src/app/secrets.js';
import { buildServer, type ServerOptions } from '../src/api/server.js';
import { createTableQueue } from '../src/jobs/table-queue.js';
import { parseAllowList } from '../src/net/outbound-guard.js';
import { PROVIDERS } from '../src/providers/index.js';
import { createFsBlobStore } from '../src/store/blobs.js';
import { migrateToLatest, openSqlite } from '../src/store/database.js';

/**
 * Where the generated types are written, both committed, both the same text: `src/api-client/`
 * for the web app and the CLI, and the typed client's own copy, which its package must carry to be
 * installable on its own (it cannot import a file outside its folder once packed).
 */
export const API_TYPES_FILES = [
  new URL('../src/api-client/schema.ts', import.meta.url),
  new URL('../packages/client/src/schema.ts', import.meta.url),
] as const;

/**
 * The document GET /api/v1/openapi.json serves, from the Fastify app built in-process (never
 * listening) over a throw-away data folder.
 */
export async function buildOpenApiDocument(compilers?: ServerOptions['compilers']): Promise<Record<string, unknown>> {
  const folder = mkdtempSync(join(tmpdir(), 'countersign-openapi-'));
  const db = openSqlite({ filename: join(folder, 'countersign.sqlite') });
  try {
    await migrateToLatest(db);
    const logger = pino({ level: 'silent' });
    const context: AppContext = {
      db,
      blobs: await createFsBlobStore(join(folder, 'blobs')),
      queue: createTableQueue(db, { logger }),
      logger,
      limits: { maxUploadBytes: 1024 * 1024 },
      now: () => new Date(),
      secrets: createSecretBox(Buffer.alloc(32)),
      providers: PROVIDERS,
      selfUrl: () => 'http://127.0.0.1',
      outbound: { allow: parseAllowList(undefined) },
    };
    const server = await buildServer({
      context,
      environmentKeyHash: undefined,
      // The release number says nothing about the shapes; a fixed one keeps the generated file stable.
      version: '0',
      sandboxes: null,
      edge: { requestTimeoutMs: 30_000, uploadIdleTimeoutMs: 30_000, maxConcurrentUploads: 1, https: false },
      readiness: { queueRunning: () => true },
      ...(compilers && { compilers }),
    });
    await server.ready();
    const document = server.swagger() as unknown as Record<string, unknown>;
    await server.close();
    return document;
  } finally {
    await db.destroy();
    rmSync(folder, { recursive: true, force: true });
  }
}

const HEADER = `/**
 * GENERATED from GET /api/v1/openapi.json by \`npm run generate:api\`: do not edit by hand.
 * Written twice, the same text: src/api-client/schema.ts and packages/client/src/schema.ts.
 * test/api-types.test.ts fails when either no longer matches the server's schemas.
 */

`;

const BLOB = ts.factory.createTypeReferenceNode('Blob');

/** The TypeScript source of the generated API types (openapi-typescript). */
export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS((await buildOpenApiDocument()) as never, {
    exportType: true,
    // A file part (an upload's `file`) is a Blob to send, not the string JSON would make of it.
    transform: (schema) => (schema.format === 'binary' ? BLOB : undefined),
  });
  return HEADER + astToString(ast);
}
