import { createServer } from 'node:net';
import { apiClient, type ApiClient } from '../../support/http.js';
import { startServer, type ServerProcess } from '../../support/server.js';

/**
 * A Countersign server that a soak stops, kills and starts again on the same port (so that the
 * sandboxes' callback URLs stay right), and an API caller that waits out those restarts.
 */
export type RestartableServer = {
  readonly url: string;
  start(): Promise<void>;
  /** Stops the server by `signal` (SIGKILL: no cleanup at all) and starts it again. */
  restart(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  stop(): Promise<void>;
  /**
   * An API call that waits out a restart: the server is down for a moment, and the workload goes on.
   * A call cut by a kill may have taken effect: `expected` lists what its repetition may answer too.
   */
  call<T = any>(request: (client: ApiClient) => Promise<{ status: number; body: T; text: string }>, ...expected: number[]): Promise<T>;
};

export async function restartableServer(options: { dataDir: string; apiKey: string; env: Record<string, string> }): Promise<RestartableServer> {
  const port = await freePort();
  let server: ServerProcess | undefined;
  let api: ApiClient | undefined;
  const start = async () => {
    server = await startServer({ dataDir: options.dataDir, apiKey: options.apiKey, env: { ...options.env, PORT: String(port) } });
    api = apiClient(server.url, options.apiKey);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    start,
    async restart(signal) {
      await server?.kill(signal);
      await start();
    },
    async stop() {
      await server?.stop();
    },
    async call(request, ...expected) {
      for (let tries = 0; ; tries++) {
        try {
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
