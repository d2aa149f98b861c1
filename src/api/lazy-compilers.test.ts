import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServer, createTestContext } from '../../test/support/app-context.js';
import { PROVIDERS } from '../providers/index.js';
import { fastifyCompilers, type lazyCompilers, type RouteSchema } from './lazy-compilers.js';
import type { CountersignServer } from './server.js';

/**
 * The server compiles a route's schemas at its first request (lazy-compilers.ts), so a schema that
 * cannot compile would show only as 500s on that route. Here the same server is built with
 * Fastify's own compilers in place of the lazy ones (buildServer's `compilers`), run at once on every schema of every route (the API, the
 * public routes and every mounted sandbox, though no sandbox declares schemas today) with the options and shared schemas the server gives them;
 * each schema that does not compile is named by its route and part.
 */

interface CompiledSchema {
  route: string;
  part: string;
  error?: string;
}
const compiled: CompiledSchema[] = [];

/** Fastify's compilers, each schema compiled when Fastify asks for it, a failure recorded instead of thrown. */
function eagerCompilers() {
  const { buildValidator, buildSerializer } = fastifyCompilers();
  return { buildValidator: eagerly(buildValidator), buildSerializer: eagerly(buildSerializer) } as unknown as ReturnType<typeof lazyCompilers>;
}

function eagerly(build: (externalSchemas: unknown, options: unknown) => (route: RouteSchema) => unknown) {
  return (externalSchemas: unknown, options: unknown) => {
    const compile = build(externalSchemas, options);
    return (route: RouteSchema) => {
      const record: CompiledSchema = { route: `${route.method} ${route.url}`, part: partOf(route) };
      compiled.push(record);
      try {
        return compile(route);
      } catch (error) {
        record.error = (error as Error).message;
        return () => {
          throw error;
        };
      }
    };
  };
}

function partOf(route: RouteSchema): string {
  if (route.httpPart) return route.httpPart;
  return `response ${route.httpStatus}${route.contentType ? ` ${route.contentType}` : ''}`;
}

let server: CountersignServer;
let close: () => Promise<void>;
let sandboxData: string;

describe('every route schema of the server', () => {
  beforeAll(async () => {
    const test = await createTestContext(PROVIDERS);
    close = test.close;
    sandboxData = mkdtempSync(join(tmpdir(), 'countersign-sandboxes-'));
    server = await buildTestServer(test.context, { sandboxes: { dataDir: sandboxData }, compilers: eagerCompilers() });
    await server.ready();
  });

  afterAll(async () => {
    await server?.close();
    await close?.();
    if (sandboxData) rmSync(sandboxData, { recursive: true, force: true });
  });

  it('compiles with the compilers the server uses', () => {
    const failures = compiled.filter((schema) => schema.error).map((schema) => `${schema.route} (${schema.part}): ${schema.error}`);
    expect(failures).toEqual([]);
  });

  it('reached the routes of the API, each kind of request part and the responses', () => {
    const parts = new Set(compiled.map((schema) => schema.part.split(' ')[0]));
    expect([...parts]).toEqual(expect.arrayContaining(['body', 'params', 'querystring', 'response']));
    const routes = new Set(compiled.map((schema) => schema.route));
    expect(routes).toContain('POST /api/v1/envelopes');
    expect(routes.size).toBeGreaterThan(50);
  });
});
