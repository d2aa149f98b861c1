import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { ensureOwner, setupRequired } from './app/accounts.js';
import { issueBootstrapKey, hashSecret } from './app/api-keys.js';
import type { AppContext } from './app/context.js';
import { registerJobs } from './app/jobs.js';
import { buildServer, type CountersignServer } from './api/server.js';
import type { Config } from './config.js';
import { createTableQueue } from './jobs/table-queue.js';
import { createFsBlobStore } from './store/blobs.js';
import { ensureSandboxConnection } from './app/sandbox-connection.js';
import { createSecretBox, loadMasterKey } from './app/secrets.js';
import { providerRegistry } from './providers/index.js';
import { migrateToLatest, openSqlite } from './store/database.js';

export interface RunningCountersign {
  url: string;
  server: CountersignServer;
  context: AppContext;
  stop(): Promise<void>;
}

export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Writes the lines meant for the person who started the server to their terminal: stdout when it is
 * one, else stderr. When stdout is not a terminal it is the structured log (piped to a collector or a
 * file), and a new admin key must never land there.
 */
export function sayToTerminal(text: string): void {
  (process.stdout.isTTY ? process.stdout : process.stderr).write(`${text}\n`);
}

/**
 * The composition root: opens the store, migrates it, starts the job worker and the HTTP server.
 * `say` prints the few lines meant for the person who started the server (the URL, a new admin key);
 * everything else goes to the structured log (stdout).
 */
export async function startCountersign(config: Config, say: (text: string) => void = sayToTerminal): Promise<RunningCountersign> {
  const logger: Logger = pino({ level: config.logLevel, base: { service: 'countersign' }, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  const db = openSqlite({ filename: join(config.dataDir, 'countersign.sqlite') });
  await migrateToLatest(db);
  const blobs = await createFsBlobStore(join(config.dataDir, 'blobs'));
  // The embedded server is the only worker of its own SQLite file (docs/operations.md).
  const queue = createTableQueue(db, { logger: logger.child({ component: 'jobs' }), exclusive: true });
  const secrets = createSecretBox(loadMasterKey({ fromEnvironment: config.masterKey, keyFile: join(config.dataDir, 'master.key') }));
  let selfUrl = config.publicUrl ?? '';
  const context: AppContext = {
    db,
    blobs,
    queue,
    logger,
    limits: { maxUploadBytes: config.maxUploadBytes },
    now: () => new Date(),
    secrets,
    providers: providerRegistry,
    selfUrl: () => selfUrl,
  };

  const bootstrapKey = config.apiKey ? undefined : await issueBootstrapKey(context);
  // COUNTERSIGN_ADMIN_* only matter while no account exists; afterwards the account is changed in the app.
  const owner = config.adminEmail && config.adminPassword ? await ensureOwner(context, config.adminEmail, config.adminPassword) : undefined;
  const ownerMissing = !owner && (await setupRequired(context));
  const server = await buildServer({
    context,
    environmentKeyHash: config.apiKey && hashSecret(config.apiKey),
    version: VERSION,
    sandboxes: config.sandboxes ? { dataDir: config.dataDir } : null,
    edge: {
      requestTimeoutMs: config.requestTimeoutMs,
      uploadIdleTimeoutMs: config.uploadIdleTimeoutMs,
      maxConcurrentUploads: config.maxConcurrentUploads,
      https: config.publicUrl?.startsWith('https://') ?? false,
    },
  });

  await registerJobs(context, { syncIntervalMinutes: config.syncIntervalMinutes });
  await server.listen({ host: config.host, port: config.port });

  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  selfUrl ||= url;
  // The built-in sandbox is reached over HTTP like any provider, so the server must listen first.
  const sandboxConnection = config.sandboxes ? await ensureSandboxConnection(context) : undefined;
  await queue.start();
  // One write, so that no log line lands in the middle; the URL line comes last and means "ready".
  const lines: string[] = [];
  if (bootstrapKey) {
    lines.push(
      'An admin API key was created for this new installation. It is shown only this once; keep it safe:',
      `    ${bootstrapKey}`,
      '  Use it as `Authorization: Bearer <key>`, or export COUNTERSIGN_API_KEY for the CLI.',
      '',
    );
  }
  if (owner) lines.push(`Created the owner account ${owner.email} from COUNTERSIGN_ADMIN_EMAIL; sign in with it.`, '');
  if (ownerMissing) {
    lines.push(
      `No account yet: the first visit to ${url} asks to create the owner account (or set COUNTERSIGN_ADMIN_EMAIL and COUNTERSIGN_ADMIN_PASSWORD).`,
      '',
    );
  }
  if (sandboxConnection) {
    lines.push(`Connected to the built-in Autenti sandbox (${sandboxConnection}) as the default: envelopes can be sent offline.`, '');
  }
  lines.push(`Countersign ${VERSION} is running at ${url}`, `  API reference: ${url}/api/v1/docs    data folder: ${config.dataDir}`);
  say(lines.join('\n'));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await server.close();
      await queue.stop();
      await db.destroy();
    })());
  return { url, server, context, stop };
}
