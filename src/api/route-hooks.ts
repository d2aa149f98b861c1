import type { RouteOptions } from 'fastify';

type RouteHookName = 'preHandler' | 'onSend';
type RouteHook<N extends RouteHookName> = Extract<NonNullable<RouteOptions[N]>, (...args: never[]) => unknown>;

/**
 * From an onRoute hook: adds `hook` to this route's own `name` hooks, after those it has. A hook that
 * only some routes need (idempotency, hiding others' private records) then runs for
 * those routes alone instead of on every request of the scope, a GET included. Fastify runs a route's
 * own hooks after the scope's hooks of the same name, in the order they were added here.
 */
export function addRouteHook<N extends RouteHookName>(route: RouteOptions, name: N, hook: RouteHook<N>): void {
  const existing = route[name] as RouteHook<N> | RouteHook<N>[] | undefined;
  // A new array: Fastify copies a GET's original options for its HEAD route, which must not see this one twice.
  (route as Record<N, unknown>)[name] = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), hook];
}
