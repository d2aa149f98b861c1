import { resolve } from 'node:path';
import { CountersignError } from './domain/errors.js';
import { ARCHIVE_RETRY_DELAYS_MS } from './domain/archive.js';
import { DEFAULT_WEBHOOK_SETTINGS, STANDARD_RETRY_SCHEDULE_MS } from './domain/webhooks.js';
import { isLoopbackHost } from './net/loopback.js';
import { ALLOW_LIST_VARIABLE, NOTHING_ALLOWED, parseAllowList, type AllowList } from './net/outbound-guard.js';

/**
 * Configuration comes from the environment only, is validated once at start, and every bad value is
 * reported with the variable's name and what it accepts. The README's configuration table lists the
 * same variables; keep them in step.
 */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /**
   * COUNTERSIGN_DATABASE_URL: the store is this PostgreSQL database (postgres:// or postgresql://)
   * instead of the SQLite file in the data folder. Holds a password: never logged as it is.
   */
  databaseUrl: string | undefined;
  /**
   * COUNTERSIGN_BLOB_DIR: stored files go to this folder (shared by every instance on PostgreSQL)
   * instead of <data folder>/blobs on SQLite, or chunks in the database on PostgreSQL.
   */
  blobDir: string | undefined;
  /** An admin API key given by the operator; kept only as a hash in memory, never stored or logged. */
  apiKey: string | undefined;
  maxUploadBytes: number;
  /** An upload whose body sends nothing for this long is cut (408). */
  uploadIdleTimeoutMs: number;
  /** Uploads one API key or session may run at once (429 beyond). */
  maxConcurrentUploads: number;
  /** A request not received whole (headers and body) in this time is cut (408). */
  requestTimeoutMs: number;
  logLevel: LogLevel;
  /** 32 bytes that encrypt provider credentials and private keys; from the environment or a key file. */
  masterKey: string | undefined;
  /** How often in-flight envelopes are synced with their providers; 0 turns the schedule off. */
  syncIntervalMinutes: number;
  /** Completed jobs are deleted this many days after they finished; dead jobs are kept. */
  jobRetentionDays: number;
  /** Events of the events feed are deleted this many days after they occurred. */
  eventRetentionDays: number;
  /** The wait before each webhook delivery attempt, the first's included (COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE). */
  webhookRetryScheduleMs: readonly number[];
  /** How long one webhook delivery attempt may take (COUNTERSIGN_WEBHOOK_TIMEOUT). */
  webhookTimeoutMs: number;
  /** The wait after each failed attempt to archive a completed envelope's signed files (COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE). */
  archiveRetryDelaysMs: readonly number[];
  /**
   * PostgreSQL: how long a running job stays an instance's without a renewal. A killed instance's jobs
   * run elsewhere after this plus up to two maintenance passes (every half of it).
   */
  jobLeaseSeconds: number;
  /** Envelopes fetched one by one per connection per scheduled sync, for providers without a change listing. */
  syncPollBudget: number;
  /** Only this machine can reach the server: HOST and COUNTERSIGN_PUBLIC_URL (if set) are loopback addresses. */
  loopbackOnly: boolean;
  /** Host the built-in provider sandboxes (offline emulators) under /sandbox. */
  sandboxes: boolean;
  /** Why they are on or off (COUNTERSIGN_SANDBOXES auto resolves by the listen and public addresses), for the start-up line. */
  sandboxesReason: string;
  /** The address providers and people reach this server at, when it differs from HOST:PORT (a proxy). */
  publicUrl: string | undefined;
  /** With adminPassword: the owner account created at first start (lower-case). */
  adminEmail: string | undefined;
  /** Used once, to create the owner account while none exists; never stored in clear or logged. */
  adminPassword: string | undefined;
  /** Private destinations (hosts, addresses, CIDR ranges) user-supplied URLs may reach, over http or https. */
  allowPrivateUrls: AllowList;
  /** PDF renditions of office documents (LibreOffice headless). */
  conversion: ConversionConfig;
}

export interface ConversionConfig {
  /** COUNTERSIGN_SOFFICE: the soffice program to run; undefined: look for soffice on PATH. */
  soffice: string | undefined;
  timeoutMs: number;
  /** Conversions at once. */
  concurrency: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

export const CONFIG_VARIABLES = [
  { name: 'HOST', default: '127.0.0.1', description: 'Interface the server listens on.' },
  { name: 'PORT', default: '3000', description: 'TCP port (0 picks a free one and prints it).' },
  { name: 'COUNTERSIGN_DATA_DIR', default: './data', description: 'Folder for the SQLite database and stored files.' },
  {
    name: 'COUNTERSIGN_DATABASE_URL',
    default: '(SQLite in the data folder)',
    description:
      'A PostgreSQL database to keep everything in instead of the SQLite file, as postgres://user:password@host:5432/database (or postgresql://); several instances may share it. Needs COUNTERSIGN_MASTER_KEY. Its password is never logged.',
  },
  {
    name: 'COUNTERSIGN_BLOB_DIR',
    default: '(data folder; in the database on PostgreSQL)',
    description:
      'A folder for stored documents, signed files and audit proofs. On PostgreSQL they are kept in the database unless this names a folder every instance mounts (NFS, a shared volume).',
  },
  {
    name: 'COUNTERSIGN_API_KEY',
    default: '(none)',
    description: 'An owner-level API key (at least 24 characters). Without it, the first start creates one and prints it once.',
  },
  { name: 'COUNTERSIGN_MAX_UPLOAD_MB', default: '50', description: 'Largest document accepted, in megabytes.' },
  {
    name: 'COUNTERSIGN_UPLOAD_IDLE_TIMEOUT_SECONDS',
    default: '30',
    description: 'An upload that sends nothing for this long is cut with 408 and nothing of it is kept.',
  },
  { name: 'COUNTERSIGN_MAX_CONCURRENT_UPLOADS', default: '4', description: 'Uploads one API key or session may run at once; more get 429.' },
  {
    name: 'COUNTERSIGN_REQUEST_TIMEOUT_SECONDS',
    default: '600',
    description: 'A request (headers and body, e.g. a large upload) not received whole in this time is cut with 408.',
  },
  { name: 'COUNTERSIGN_LOG_LEVEL', default: 'info', description: `One of ${LOG_LEVELS.join(', ')}.` },
  {
    name: 'COUNTERSIGN_MASTER_KEY',
    default: '(key file)',
    description: 'Encrypts provider secrets at rest: 32 bytes as base64 or hex. Without it, a key file is created in the data folder (mode 0600).',
  },
  { name: 'COUNTERSIGN_SYNC_INTERVAL_MINUTES', default: '5', description: 'How often envelopes at a provider are synced; 0 turns it off.' },
  {
    name: 'COUNTERSIGN_SYNC_POLL_BUDGET',
    default: '100',
    description: 'Envelopes fetched one by one per connection per sync, for providers that cannot list changes (ConsignO Cloud); the longest unchecked go first, the rest wait for the next sync.',
  },
  {
    name: 'COUNTERSIGN_JOB_RETENTION_DAYS',
    default: '7',
    description: 'Completed background jobs are deleted this many days after they finished (1 to 3650); failed (dead) jobs are kept for inspection.',
  },
  {
    name: 'COUNTERSIGN_EVENT_RETENTION_DAYS',
    default: '30',
    description: 'Events of the events feed (GET /api/v1/events) are deleted this many days after they occurred (1 to 3650); a host that polls less often than this misses events.',
  },
  {
    name: 'COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE',
    default: '0,5s,5m,30m,2h,5h,10h,10h',
    description:
      'The wait before each webhook delivery attempt, comma-separated (ms, s, m, h or d; 1 to 20 of them, each at most 7 days): the first is the first attempt\'s, one attempt per entry, then the delivery is given up on. The default is the Standard Webhooks schedule.',
  },
  {
    name: 'COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE',
    default: '1m,5m,15m,1h,3h,6h,12h,1d,1d,1d',
    description:
      'The wait after each failed attempt to fetch a completed envelope\'s signed files from its provider, comma-separated (ms, s, m, h or d; 1 to 20 of them, each at most 7 days): one more attempt per entry, then the envelope\'s archive is failed and waits for a person\'s "Try again". The default spans about 4 days.',
  },
  {
    name: 'COUNTERSIGN_WEBHOOK_TIMEOUT',
    default: '15s',
    description: 'How long one webhook delivery attempt may take, connecting and answering (ms or s, 1s to 60s); a receiver that has not answered by then has failed the attempt, which is retried on the schedule.',
  },
  {
    name: 'COUNTERSIGN_JOB_LEASE_SECONDS',
    default: '60',
    description:
      'PostgreSQL only: how long a running background job stays an instance\'s without a renewal (10 to 3600; renewed every third of it). A killed instance\'s jobs run on another after this plus up to a whole lease more. Shorter brings them back sooner; too short for the database\'s slowest moments lets a second instance start a job that is still running.',
  },
  {
    name: 'COUNTERSIGN_SANDBOXES',
    default: 'auto',
    description:
      'Host the built-in provider sandboxes under /sandbox: auto (on only while HOST and COUNTERSIGN_PUBLIC_URL are loopback), on, or off. Their control routes need the API key or session of an admin (scope sandbox:control).',
  },
  {
    name: 'COUNTERSIGN_PUBLIC_URL',
    default: '(listen address)',
    description: 'The URL providers and people reach this server at, if not HOST:PORT (e.g. behind a proxy).',
  },
  {
    name: 'COUNTERSIGN_ADMIN_EMAIL',
    default: '(none)',
    description: 'Email of the owner account of the web app, created at a start with no account yet (with COUNTERSIGN_ADMIN_PASSWORD). Without both, the first visit asks for it.',
  },
  {
    name: 'COUNTERSIGN_ADMIN_PASSWORD',
    default: '(none)',
    description: 'Password of that owner account (at least 10 characters). Used only while no account exists; kept as a scrypt hash, never logged.',
  },
  {
    name: ALLOW_LIST_VARIABLE,
    default: '(none)',
    description: 'Private hosts and CIDR ranges that connection, callback and webhook endpoint URLs may reach, over http or https, comma-separated (e.g. 127.0.0.1,10.0.0.0/8,emulator.internal). Without it, only public https addresses are called.',
  },
  {
    name: 'COUNTERSIGN_SOFFICE',
    default: '(soffice on PATH)',
    description: 'The LibreOffice program that makes PDF versions of office documents for providers that sign only PDF. Without LibreOffice (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui), such documents cannot be sent to them.',
  },
  { name: 'COUNTERSIGN_CONVERT_TIMEOUT_MS', default: '120000', description: 'One conversion of an office document to PDF is stopped after this many milliseconds (1000 to 3600000).' },
  { name: 'COUNTERSIGN_CONVERT_CONCURRENCY', default: '1', description: 'Conversions to PDF running at once (1 to 16); each LibreOffice takes a few hundred MB of memory.' },
] as const;

export class ConfigurationError extends CountersignError {
  constructor(readonly problems: string[]) {
    super('CONFIGURATION_INVALID', `Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
      return fallback;
    }
    return value;
  };

  const port = integer('PORT', 3000, 0, 65535);
  const maxUploadMb = integer('COUNTERSIGN_MAX_UPLOAD_MB', 50, 1, 10_240);
  const uploadIdleTimeoutSeconds = integer('COUNTERSIGN_UPLOAD_IDLE_TIMEOUT_SECONDS', 30, 1, 3600);
  const maxConcurrentUploads = integer('COUNTERSIGN_MAX_CONCURRENT_UPLOADS', 4, 1, 1000);
  const requestTimeoutSeconds = integer('COUNTERSIGN_REQUEST_TIMEOUT_SECONDS', 600, 1, 86_400);

  const apiKey = read('COUNTERSIGN_API_KEY');
  if (apiKey !== undefined && apiKey.length < 24) {
    problems.push('COUNTERSIGN_API_KEY must be at least 24 characters long (use a random value, e.g. `openssl rand -hex 24`).');
  }

  const logLevel = (read('COUNTERSIGN_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`COUNTERSIGN_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}".`);
  }

  const syncIntervalMinutes = integer('COUNTERSIGN_SYNC_INTERVAL_MINUTES', 5, 0, 1440);
  const jobRetentionDays = integer('COUNTERSIGN_JOB_RETENTION_DAYS', 7, 1, 3650);
  const eventRetentionDays = integer('COUNTERSIGN_EVENT_RETENTION_DAYS', 30, 1, 3650);
  const jobLeaseSeconds = integer('COUNTERSIGN_JOB_LEASE_SECONDS', 60, 10, 3600);
  const webhookRetryScheduleMs = parseRetrySchedule(read('COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE'), problems);
  const webhookTimeoutMs = parseWebhookTimeout(read('COUNTERSIGN_WEBHOOK_TIMEOUT'), problems);
  const archiveRetryDelaysMs = parseRetrySchedule(read('COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE'), problems, { name: 'COUNTERSIGN_ARCHIVE_RETRY_SCHEDULE', fallback: ARCHIVE_RETRY_DELAYS_MS, example: '1m,5m,15m,1h,3h,6h,12h,1d,1d,1d' });

  // Polling providers without a change listing: a bounded number of fetches per connection per pass.
  const syncPollBudget = integer('COUNTERSIGN_SYNC_POLL_BUDGET', 100, 1, 100_000);

  const sandboxes = (read('COUNTERSIGN_SANDBOXES') ?? 'auto').toLowerCase();
  if (!['auto', 'on', 'off'].includes(sandboxes)) problems.push(`COUNTERSIGN_SANDBOXES must be auto, on or off; got "${sandboxes}".`);

  const databaseUrl = read('COUNTERSIGN_DATABASE_URL');
  const databaseUrlProblem = databaseUrl === undefined ? undefined : checkDatabaseUrl(databaseUrl);
  if (databaseUrlProblem) problems.push(databaseUrlProblem);

  const masterKey = read('COUNTERSIGN_MASTER_KEY');
  if (masterKey !== undefined && !isMasterKey(masterKey)) {
    problems.push('COUNTERSIGN_MASTER_KEY must be 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`).');
  }

  const publicUrl = read('COUNTERSIGN_PUBLIC_URL');
  if (publicUrl !== undefined && !/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(publicUrl)) {
    problems.push(`COUNTERSIGN_PUBLIC_URL must be an http(s) URL such as https://sign.example.com; got "${publicUrl}".`);
  }

  const adminEmail = read('COUNTERSIGN_ADMIN_EMAIL')?.toLowerCase();
  // Not trimmed: spaces may be part of a password. An empty value still means unset.
  const adminPassword = env.COUNTERSIGN_ADMIN_PASSWORD === '' ? undefined : env.COUNTERSIGN_ADMIN_PASSWORD;
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('COUNTERSIGN_ADMIN_EMAIL and COUNTERSIGN_ADMIN_PASSWORD go together: set both to create the owner account at first start, or neither.');
  }
  if (adminEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    problems.push(`COUNTERSIGN_ADMIN_EMAIL must be an email address such as owner@example.com; got "${adminEmail}".`);
  }
  // The value itself is never repeated in a message: messages end up in logs.
  // 10, as PASSWORD_MIN_LENGTH in src/app/accounts.ts (config imports nothing from app/).
  if (adminPassword !== undefined && [...adminPassword].length < 10) {
    problems.push('COUNTERSIGN_ADMIN_PASSWORD must be at least 10 characters long.');
  }

  let allowPrivateUrls = NOTHING_ALLOWED;
  try {
    allowPrivateUrls = parseAllowList(read(ALLOW_LIST_VARIABLE));
  } catch (error) {
    problems.push((error as Error).message);
  }

  // Renditions (issue 11): LibreOffice headless.
  const conversion: ConversionConfig = {
    soffice: read('COUNTERSIGN_SOFFICE'),
    timeoutMs: integer('COUNTERSIGN_CONVERT_TIMEOUT_MS', 120_000, 1000, 3_600_000),
    concurrency: integer('COUNTERSIGN_CONVERT_CONCURRENCY', 1, 1, 16),
  };

  if (problems.length > 0) throw new ConfigurationError(problems);

  const host = read('HOST') ?? '127.0.0.1';
  const beyondLoopback = reachableBeyondLoopback(host, publicUrl);
  const sandboxChoice = resolveSandboxes(sandboxes as 'auto' | 'on' | 'off', beyondLoopback);
  return {
    host,
    port,
    dataDir: resolve(cwd, read('COUNTERSIGN_DATA_DIR') ?? './data'),
    databaseUrl,
    blobDir: read('COUNTERSIGN_BLOB_DIR') === undefined ? undefined : resolve(cwd, read('COUNTERSIGN_BLOB_DIR')!),
    apiKey,
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    uploadIdleTimeoutMs: uploadIdleTimeoutSeconds * 1000,
    maxConcurrentUploads,
    requestTimeoutMs: requestTimeoutSeconds * 1000,
    logLevel: logLevel as LogLevel,
    masterKey,
    syncIntervalMinutes,
    jobRetentionDays,
    eventRetentionDays,
    webhookRetryScheduleMs,
    archiveRetryDelaysMs,
    webhookTimeoutMs,
    jobLeaseSeconds,
    syncPollBudget,
    loopbackOnly: beyondLoopback === undefined,
    sandboxes: sandboxChoice.enabled,
    sandboxesReason: sandboxChoice.reason,
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    adminEmail,
    adminPassword,
    allowPrivateUrls,
    conversion,
  };
}

/**
 * Why others than this machine can reach the server (HOST or COUNTERSIGN_PUBLIC_URL is not a loopback
 * address), or undefined when only this machine can.
 */
function reachableBeyondLoopback(host: string, publicUrl: string | undefined): string | undefined {
  if (!isLoopbackHost(host)) return `HOST ${host} is not a loopback address`;
  if (publicUrl !== undefined && !isLoopbackHost(new URL(publicUrl).hostname)) return `COUNTERSIGN_PUBLIC_URL ${publicUrl} is not a loopback address`;
  return undefined;
}

/**
 * The sandboxes are a development and demo feature wired to this installation's envelopes: `auto`
 * keeps them only while nobody but this machine can reach the server (issue 7).
 */
function resolveSandboxes(setting: 'auto' | 'on' | 'off', beyondLoopback: string | undefined): { enabled: boolean; reason: string } {
  if (setting === 'on') return { enabled: true, reason: 'COUNTERSIGN_SANDBOXES=on' };
  if (setting === 'off') return { enabled: false, reason: 'COUNTERSIGN_SANDBOXES=off' };
  if (beyondLoopback) return { enabled: false, reason: `${beyondLoopback}; set COUNTERSIGN_SANDBOXES=on to keep them` };
  return { enabled: true, reason: 'the server listens on loopback only (COUNTERSIGN_SANDBOXES=auto)' };
}

/** What is wrong with a COUNTERSIGN_DATABASE_URL, in words that never repeat its password. */
function checkDatabaseUrl(text: string): string | undefined {
  const example = 'postgres://user:password@db.example.com:5432/countersign';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `COUNTERSIGN_DATABASE_URL must be a PostgreSQL URL such as ${example}; the value given is not a URL.`;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `COUNTERSIGN_DATABASE_URL must be a PostgreSQL URL (postgres:// or postgresql://) such as ${example}; got one starting with ${url.protocol}//.`;
  }
  if (url.hostname === '') return `COUNTERSIGN_DATABASE_URL must name the database server's host, as in ${example}.`;
  return undefined;
}

/**
 * Several instances share one PostgreSQL store, and what one seals the others must open: the master
 * key comes from the environment, the same everywhere, never from a key file only one of them has.
 * Checked by `start` (a `migrate` needs no key).
 */
export function requireSharedMasterKey(config: Pick<Config, 'databaseUrl' | 'masterKey'>): void {
  if (config.databaseUrl !== undefined && config.masterKey === undefined) {
    throw new ConfigurationError([
      'COUNTERSIGN_MASTER_KEY must be set when COUNTERSIGN_DATABASE_URL is: every instance on the database must encrypt provider secrets with the same key. Generate one (`openssl rand -base64 32`), keep it safe and give it to every instance.',
    ]);
  }
}

function isMasterKey(text: string): boolean {
  return /^[0-9a-f]{64}$/i.test(text) || Buffer.from(text, 'base64').length === 32;
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_RETRY_WAIT_MS = 7 * 86_400_000;

/** `250ms`, `5s`, `2h` → milliseconds; a unit is required but for 0. NaN when it is not such a duration. */
function parseDuration(text: string, units: readonly string[] = Object.keys(DURATION_UNITS_MS)): number {
  const match = /^(\d+)([a-z]+)?$/.exec(text);
  if (!match || (match[2] === undefined ? Number(match[1]) !== 0 : !units.includes(match[2]))) return Number.NaN;
  return Number(match[1]) * DURATION_UNITS_MS[match[2] ?? 'ms']!;
}

/** `15s` → 15000: one webhook attempt's limit, 1 s to 60 s. */
function parseWebhookTimeout(text: string | undefined, problems: string[]): number {
  if (text === undefined) return DEFAULT_WEBHOOK_SETTINGS.attemptTimeoutMs;
  const ms = parseDuration(text.trim(), ['ms', 's']);
  if (!(ms >= 1000 && ms <= 60_000)) {
    problems.push(`COUNTERSIGN_WEBHOOK_TIMEOUT must be a duration from 1s to 60s (ms or s), e.g. 15s; got "${text}".`);
    return DEFAULT_WEBHOOK_SETTINGS.attemptTimeoutMs;
  }
  return ms;
}

/** `0,5s,5m,30m,2h,5h,10h,10h` → the waits in milliseconds; a bad value is reported in `problems`. */
function parseRetrySchedule(
  text: string | undefined,
  problems: string[],
  variable = { name: 'COUNTERSIGN_WEBHOOK_RETRY_SCHEDULE', fallback: STANDARD_RETRY_SCHEDULE_MS, example: '0,5s,5m,30m,2h,5h,10h,10h' },
): readonly number[] {
  if (text === undefined) return variable.fallback;
  const entries = text.split(',').map((entry) => entry.trim());
  const waits = entries.map((entry) => parseDuration(entry));
  if (entries.length > 20 || waits.some((wait) => !Number.isSafeInteger(wait) || wait > MAX_RETRY_WAIT_MS)) {
    problems.push(`${variable.name} must be 1 to 20 waits separated by commas, each a whole number with a unit (ms, s, m, h or d; 0 needs none) of at most 7 days, e.g. ${variable.example}; got "${text}".`);
    return variable.fallback;
  }
  return waits;
}
