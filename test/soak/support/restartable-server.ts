import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { apiClient, type ApiClient } from '../../support/http.js';
import { startServer, type ServerProcess } from '../../support/server.js';

/**
 * Countersign as a soak runs it: one server, or several instances sharing one PostgreSQL database
 * (`instances` > 1, with `databaseUrl`), each on a port of its own kept across restarts (so that the
 * sandboxes' callback URLs stay right). A soak stops and kills them; its API calls wait out restarts.
 */
export type RestartableServer = {
  start(): Promise<void>;
  /** Stops an instance by `signal` (SIGKILL: no cleanup at all), one at random of several, and starts it again. */
  restart(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  stop(): Promise<void>;
  /**
   * An API call that waits out a restart: the server is down for a moment (with several instances,
   * the call goes to the next one), and the workload goes on. A call cut by a kill may have taken
   * effect: `expected` lists what its repetition may answer too.
   */
  call<T = any>(request: (client: ApiClient) => Promise<{ status: number; body: T; text: string }>, ...expected: number[]): Promise<T>;
};

export async function restartableServer(options: {
  dataDir: string;
  apiKey: string;
  env: Record<string, string>;
  /** Several instances share this database (each gets a data folder of its own under `dataDir`). */
  cluster?: { instances: number; databaseUrl: string };
}): Promise<RestartableServer> {
  const count = options.cluster?.instances ?? 1;
  const shared = options.cluster
    ? { COUNTERSIGN_DATABASE_URL: options.cluster.databaseUrl, COUNTERSIGN_MASTER_KEY: randomBytes(32).toString('base64') }
    : {};
  const slots = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const dataDir = count === 1 ? options.dataDir : join(options.dataDir, `instance-${index}`);
      mkdirSync(dataDir, { recursive: true });
      return { dataDir, port: await freePort(), server: undefined as ServerProcess | undefined, api: undefined as ApiClient | undefined };
    }),
  );
  const startSlot = async (slot: (typeof slots)[number]) => {
    // Soaks run beside other suites in CI: a start may take long on a busy machine, and must not fail the soak.
    slot.server = await startServer({ dataDir: slot.dataDir, apiKey: options.apiKey, env: { ...options.env, ...shared, PORT: String(slot.port) }, startTimeoutMs: 180_000 });
    slot.api = apiClient(slot.server.url, options.apiKey);
  };
  let turn = 0;
  return {
    // One at a time: the first migrates the database, the others find it current.
    async start() {
      for (const slot of slots) await startSlot(slot);
    },
    async restart(signal) {
      const slot = slots[Math.floor(Math.random() * slots.length)]!;
      await slot.server?.kill(signal);
      await startSlot(slot);
    },
    async stop() {
      for (const slot of slots) await slot.server?.stop();
    },
    async call(request, ...expected) {
      for (let tries = 0; ; tries++) {
        try {
          const api = slots[(turn += 1) % slots.length]!.api;
          if (!api) throw new Error('The server was never started.');
          const response = await request(api);
          if (expected.includes(response.status)) return response.body;
          // 503 while the server stops, and 409 for a repeated request whose first try a kill cut off
          // (its Idempotency-Key is held until the lease of that try runs out): a client waits and
          // repeats. Anything else is a failure of the test's own making.
          const waitAndRepeat = response.status === 503 || (response.status === 409 && (response.body as { type?: string } | null)?.type?.endsWith('/idempotency-key-in-use'));
          if (!waitAndRepeat || tries > 1200) throw new Error(`HTTP ${response.status}: ${response.text.slice(0, 500)}`);
        } catch (error) {
          if (!isConnectionError(error) || tries > 1200) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** A port free now, kept across restarts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function isConnectionError(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return error instanceof TypeError && ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(cause?.code ?? '');
}
