import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify's own default compilers (Ajv for validation, fast-json-stringify for responses), taken from
 * Fastify's dependencies so that they stay exactly the versions and options Fastify would use itself.
 */
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
type Compile<Route> = (externalSchemas: unknown, options: unknown) => (route: Route) => (...args: never[]) => unknown;
const defaultValidators = fromFastify('@fastify/ajv-compiler') as () => Compile<unknown>;
const defaultSerializers = fromFastify('@fastify/fast-json-stringify-compiler') as () => Compile<unknown>;

type Validate = ((data: unknown, dataContext?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };

/**
 * The same compilers, compiling each route's schemas at its first request instead of at start:
 * compiling some 60 routes' request and response schemas took most of the start-up time and ~20 MB of
 * heap, for routes an installation may never call. The first request of a route pays a few ms once.
 * The price: a schema that cannot compile now fails its route's requests (a 500 problem) instead
 * of the start, so a new route's schema is proven by a test that calls the route.
 */
export function lazyCompilers(): NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'] {
  const validators = defaultValidators();
  const serializers = defaultSerializers();
  return {
    buildValidator: (externalSchemas: unknown, options: unknown) => {
      const compile = validators(externalSchemas, options);
      return (route: unknown) => deferValidator(() => compile(route) as Validate);
    },
    buildSerializer: (externalSchemas: unknown, options: unknown) => {
      const compile = serializers(externalSchemas, options);
      return (route: unknown) => {
        let serialize: ((data: unknown) => string) | undefined;
        return (data: unknown) => (serialize ??= compile(route) as (data: unknown) => string)(data);
      };
    },
  } as NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'];
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
