import type { AddressInfo } from 'node:net';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyPluginAsync } from 'fastify';
import { LOOPBACK_ALLOWED, type OutboundPolicy } from '../net/outbound-guard.js';
import { isLoopbackHost } from '../net/loopback.js';
import { securityHeaders } from '../net/security-headers.js';
import { bearerTokenGuard, type ControlGuard } from './control-guard.js';

/** The plugin options a sandbox must take to be started alone by {@link startSandboxServer}. */
export interface ServableSandboxOptions {
  logger?: FastifyBaseLogger;
  outbound?: OutboundPolicy;
  authorizeControl?: ControlGuard;
}

/** Where a standalone sandbox listens, and the token its control routes then need. */
export interface SandboxServerOptions {
  /** 127.0.0.1 by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Required on any interface but loopback: control routes then need `Authorization: Bearer <token>`. */
  token?: string;
}

export interface RunningSandboxServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Runs a sandbox plugin alone on its own HTTP server (shared by the sandboxes). On loopback its control
 * routes stay open (a development tool, and benchmarks) unless `token` is given; on any other interface
 * it refuses to start without one. `refuseToken` builds the sandbox's own 401 for a missing or wrong
 * token, in its provider's error shape.
 */
export async function startSandboxServer<Options extends ServableSandboxOptions>(
  plugin: FastifyPluginAsync<Options>,
  options: Options & SandboxServerOptions,
  refuseToken: (message: string) => Error,
): Promise<RunningSandboxServer> {
  const host = options.host ?? '127.0.0.1';
  if (!options.token && !options.authorizeControl && !isLoopbackHost(host)) {
    throw new Error(
      `The sandbox would listen on ${host}, reachable from other machines, with its control routes open to anyone. Listen on 127.0.0.1, or give a token (--token) that callers send as Authorization: Bearer <token>.`,
    );
  }
  // Listening on loopback only, the sandbox is a tool of this machine: its callbacks may reach programs here.
  const outbound = options.outbound ?? (isLoopbackHost(host) ? { allow: LOOPBACK_ALLOWED } : undefined);
  const authorizeControl = options.authorizeControl ?? (options.token ? bearerTokenGuard(options.token, refuseToken) : undefined);
  const app = options.logger
    ? Fastify({ loggerInstance: options.logger, forceCloseConnections: true })
    : Fastify({ logger: false, forceCloseConnections: true });
  // The same headers as a sandbox gets when mounted in Countersign; a sandbox is plain http.
  await app.register(helmet, securityHeaders({ https: false }));
  await app.register(plugin, { ...options, ...(outbound ? { outbound } : {}), ...(authorizeControl ? { authorizeControl } : {}) });
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${reachable}:${address.port}`, close: () => app.close() };
}
