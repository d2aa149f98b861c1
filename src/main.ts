import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { ensureOwner, newSetupCode, setupRequired } from './app/accounts.js';
import { issueBootstrapKey, hashSecret } from './app/api-keys.js';
import type { AppContext } from './app/context.js';
import { checkDataFolderWritable, inDataFolder } from './app/data-folder.js';
import { registerJobs } from './app/jobs.js';
import { buildServer, type CountersignServer } from './api/server.js';
import { requireSharedMasterKey, type Config } from './config.js';
import { openInstallation } from './installation.js';
import { builtInSandboxWarning, ensureSandboxConnections } from './app/sandbox-connection.js';
import { disposeProviders } from './app/connections.js';
import { createSecretBox, loadMasterKey } from './app/secrets.js';
import { PROVIDERS } from './providers/index.js';
import { checkRuntime } from './runtime-support.js';
import type { ProviderId } from './providers/ids.js';
import { describeDatabase } from './store/database.js';
import { PRIVATE_DIRECTORY_MODE, restrictToOwner } from './store/permissions.js';
import { SHARED_STORE_ORPHAN_GRACE_MS, sweepOrphanBlobs } from './app/documents/orphan-blobs.js';
import { releasePdfChecks } from './app/documents/pdf-check.js';
import { createLibreOfficeConverter, findSoffice, unavailableMessage } from './app/documents/libreoffice.js';

export interface RunningCountersign {
  url: string;
  server: CountersignServer;
  context: AppContext;
  stop(): Promise<void>;
}

/**
 * The data folder is the server's alone (0700, files 0600; docs/operations.md). The umask makes every
 * file created from here on private — SQLite's -wal and -shm, sandbox files, anything a library
 * writes — where an explicit mode (blobs, database, key file) might be forgotten; the walk fixes a
 * folder made by an earlier version or copied in. A worker thread cannot set the umask (tests may
 * start the server in one); the explicit modes still hold there.
 */
async function keepDataPrivate(dataDir: string): Promise<number> {
  try {
    process.umask(0o077);
  } catch {
    // ERR_WORKER_UNSUPPORTED_OPERATION
  }
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  return restrictToOwner(dataDir);
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
  requireSharedMasterKey(config);
  const logger: Logger = pino({ level: config.logLevel, base: { service: 'countersign' }, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  const runtime = checkRuntime(process.version, new Date());
  logger.info({ nodeVersion: runtime.nodeVersion, version: VERSION }, 'starting');
  if (runtime.warning) logger.warn({ nodeVersion: runtime.nodeVersion }, runtime.warning);
  // A read-only, full or unmakeable data folder is one line naming it (DataFolderError), not a stack.
  const { tightened, installation } = await inDataFolder(config.dataDir, { databaseInFolder: config.databaseUrl === undefined }, async () => {
    const tightened = await keepDataPrivate(config.dataDir);
    await checkDataFolderWritable(config.dataDir);
    return { tightened, installation: await openInstallation(config, logger) };
  });
  if (tightened > 0) logger.warn({ dataDir: config.dataDir, entries: tightened }, 'took group and other permissions off files in the data folder');
  const { db, blobs, queue, shared, rateLimiters, migrated } = installation;
  logger.info({ database: await describeDatabase(config), migrated }, 'database ready');
  // Before the server listens: no upload of this instance is in flight, so a blob without a row is an
  // orphan — unless other instances share the store, whose uploads get an hour before they count as one.
  const orphans = await sweepOrphanBlobs({ db, blobs }, shared ? { graceMs: SHARED_STORE_ORPHAN_GRACE_MS } : {});
  if (orphans > 0) logger.warn({ removed: orphans }, 'removed stored files that no document or artifact refers to (left by an interrupted upload)');
  const secrets = createSecretBox(loadMasterKey({ fromEnvironment: config.masterKey, keyFile: join(config.dataDir, 'master.key') }));
  let selfUrl = config.publicUrl ?? '';
  const context: AppContext = {
    db,
    blobs,
    queue,
    logger,
    limits: { maxUploadBytes: config.maxUploadBytes, syncPollBudget: config.syncPollBudget },
    now: () => new Date(),
    secrets,
    providers: PROVIDERS,
    selfUrl: () => selfUrl,
    outbound: { allow: config.allowPrivateUrls },
    webhooks: { retryScheduleMs: config.webhookRetryScheduleMs, attemptTimeoutMs: config.webhookTimeoutMs },
    archiveRetryDelaysMs: config.archiveRetryDelaysMs,
    ...(rateLimiters ? { rateLimiters } : {}),
  };
  // PDF renditions of office documents, when LibreOffice is installed (issue 11).
  const soffice = await findSoffice(config.conversion.soffice);
  if (soffice) {
    context.converter = createLibreOfficeConverter({ soffice, blobs, timeoutMs: config.conversion.timeoutMs, concurrency: config.conversion.concurrency });
  } else {
    logger.warn({ soffice: config.conversion.soffice ?? null }, unavailableMessage(config.conversion.soffice));
  }

  const bootstrapKey = config.apiKey ? undefined : await issueBootstrapKey(context);
  // COUNTERSIGN_ADMIN_* only matter while no account exists; afterwards the account is changed in the app.
  const owner = config.adminEmail && config.adminPassword ? await ensureOwner(context, config.adminEmail, config.adminPassword) : undefined;
  const ownerMissing = !owner && (await setupRequired(context));
  // Reachable by others and no owner yet: the first visitor must prove they can read this terminal.
  const setupCode = ownerMissing && !config.loopbackOnly ? newSetupCode() : undefined;
  // The mounted sandboxes' controls, in-process: their HTTP control routes are guarded.
  const sandboxControls = new Map<ProviderId, unknown>();
  let queueRunning = false;
  const server = await buildServer({
    readiness: { queueRunning: () => queueRunning },
    context,
    environmentKeyHash: config.apiKey && hashSecret(config.apiKey),
    version: VERSION,
    setupCode,
    sandboxes: config.sandboxes ? { dataDir: config.dataDir, onControl: (provider, control) => sandboxControls.set(provider, control) } : null,
    edge: {
      requestTimeoutMs: config.requestTimeoutMs,
      uploadIdleTimeoutMs: config.uploadIdleTimeoutMs,
      maxConcurrentUploads: config.maxConcurrentUploads,
      https: config.publicUrl?.startsWith('https://') ?? false,
    },
  });

  await registerJobs(context, { syncIntervalMinutes: config.syncIntervalMinutes, jobRetentionDays: config.jobRetentionDays, eventRetentionDays: config.eventRetentionDays, convertConcurrency: config.conversion.concurrency });
  await server.listen({ host: config.host, port: config.port });

  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  selfUrl ||= url;
  // The built-in sandbox's API is reached over HTTP like any provider, so the server must listen first.
  const sandboxConnections = await ensureSandboxConnections(context, sandboxControls);
  const sandboxWarning = config.sandboxes ? undefined : await builtInSandboxWarning(context, config.sandboxesReason);
  await queue.start();
  queueRunning = true;
  // The PDF check's worker (pdf-lib, ~15 MB) is not started here: the first upload starts it, and a
  // spare beside it for the next one (app/documents/pdf-check.ts). An installation idle or only
  // reading does not carry it.
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
      ...(setupCode ? [`  This server is reachable from other machines, so that visit needs this one-time setup code: ${setupCode}`] : []),
      '',
    );
  }
  for (const [index, made] of sandboxConnections.entries()) {
    const name = PROVIDERS.find((descriptor) => descriptor.id === made.provider)?.name ?? made.provider;
    lines.push(`Connected to the built-in ${name} sandbox (${made.connectionId})${index === 0 ? ' as the default' : ''}: envelopes can be sent offline.`);
  }
  if (sandboxConnections.length > 0) lines.push('');
  lines.push(`Sandboxes: ${config.sandboxes ? 'on, under /sandbox (their control routes need an admin’s API key or session)' : 'off'}, because ${config.sandboxesReason}.`);
  if (sandboxWarning) lines.push(sandboxWarning);
  lines.push('');
  lines.push(`Countersign ${VERSION} is running at ${url}`, `  API reference: ${url}/api/v1/docs    data folder: ${config.dataDir}`);
  say(lines.join('\n'));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Not ready from here on: a load balancer stops sending new requests while these finish.
      queueRunning = false;
      // Jobs first (they finish or are aborted), then the adapters' HTTP clients: a job still calling
      // the mounted sandbox would otherwise hold a keep-alive connection open and server.close() would
      // wait for it to time out.
      await queue.stop();
      await disposeProviders(context);
      await closeWithin(server, SHUTDOWN_GRACE_MS);
      await releasePdfChecks();
      await db.destroy();
    })());
  return { url, server, context, stop };
}

/** How long requests in flight get to finish when the server is asked to stop. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting connections and waits for the requests in flight, but not forever: a client that
 * stalls, or a socket Node still counts as busy after an early answer (an upload refused before its
 * body was read), would otherwise hold the shutdown until a supervisor kills the process.
 */
async function closeWithin(server: CountersignServer, graceMs: number): Promise<void> {
  const force = setTimeout(() => server.server.closeAllConnections(), graceMs);
  try {
    await server.close();
  } finally {
    clearTimeout(force);
  }
}
