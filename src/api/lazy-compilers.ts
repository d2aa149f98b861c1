import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';
import { pagesAsBuffers, type Serialize } from './page-serializer.js';

type CompilersFactory = NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'];
/** What Fastify hands a compiler for one schema of one route (`httpPart` for a validator, `httpStatus` for a serializer). */
export interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
  httpStatus?: string;
  contentType?: string;
}
type Compile<Compiled> = (externalSchemas: unknown, options: unknown) => (route: RouteSchema) => Compiled;
type Validate = ((data: unknown, dataContext?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };

/**
 * Fastify's own default compilers (Ajv for validation, fast-json-stringify for responses), taken from
 * Fastify's dependencies so that they stay exactly the versions and options Fastify would use itself;
 * a list's page is serialised item by item (page-serializer.ts). `lazyCompilers` defers them;
 * lazy-compilers.test.ts runs them on every route's schemas at once.
 */
export function fastifyCompilers(): { buildValidator: Compile<Validate>; buildSerializer: Compile<Serialize> } {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  const buildSerializer = (fromFastify('@fastify/fast-json-stringify-compiler') as () => Compile<Serialize>)();
  return {
    buildValidator: (fromFastify('@fastify/ajv-compiler') as () => Compile<Validate>)(),
    buildSerializer: (externalSchemas, options) => pagesAsBuffers(buildSerializer(externalSchemas, options)),
  };
}

/**
 * The same compilers, compiling each route's schemas at its first request instead of at start:
 * compiling some 60 routes' request and response schemas took most of the start-up time and ~20 MB of
 * heap, for routes an installation may never call. The first request of a route pays a few ms once.
 * The price: a schema that cannot compile would fail its route's requests (a 500 problem) instead of
 * the start, so lazy-compilers.test.ts compiles every route's schemas of the whole server eagerly.
 */
export function lazyCompilers(): CompilersFactory {
  const { buildValidator, buildSerializer } = fastifyCompilers();
  return {
    buildValidator: (externalSchemas: unknown, options: unknown) => {
      const compile = buildValidator(externalSchemas, options);
      return (route: RouteSchema) => deferValidator(() => compile(route));
    },
    buildSerializer: (externalSchemas: unknown, options: unknown) => {
      const compile = buildSerializer(externalSchemas, options);
      return (route: RouteSchema) => {
        let serialize: Serialize | undefined;
        return (data: unknown) => (serialize ??= compile(route))(data);
      };
    },
  } as CompilersFactory;
}

/**
 * Fastify reads `schemaEnv` before calling a validator (Ajv's, to let it coerce a root value) and
 * `errors` after a failed call: both are answered by the compiled function, compiled on first touch.
 */
function deferValidator(compile: () => Validate): Validate {
  let validate: Validate | undefined;
  const compiled = () => (validate ??= compile());
  const deferred = ((data: unknown, dataContext?: unknown) => compiled()(data, dataContext)) as Validate;
  Object.defineProperties(deferred, {
    schemaEnv: { get: () => compiled().schemaEnv },
    errors: { get: () => validate?.errors },
  });
  return deferred;
}
