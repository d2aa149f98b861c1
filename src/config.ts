import { resolve } from 'node:path';
import { CountersignError } from './domain/errors.js';

/**
 * Configuration comes from the environment only, is validated once at start, and every bad value is
 * reported with the variable's name and what it accepts. The README's configuration table lists the
 * same variables; keep them in step.
 */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** An admin API key given by the operator; kept only as a hash in memory, never stored or logged. */
  apiKey: string | undefined;
  maxUploadBytes: number;
  logLevel: LogLevel;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

export const CONFIG_VARIABLES = [
  { name: 'HOST', default: '127.0.0.1', description: 'Interface the server listens on.' },
  { name: 'PORT', default: '3000', description: 'TCP port (0 picks a free one and prints it).' },
  { name: 'COUNTERSIGN_DATA_DIR', default: './data', description: 'Folder for the SQLite database and stored files.' },
  {
    name: 'COUNTERSIGN_API_KEY',
    default: '(none)',
    description: 'An admin API key (at least 24 characters). Without it, the first start creates one and prints it once.',
  },
  { name: 'COUNTERSIGN_MAX_UPLOAD_MB', default: '50', description: 'Largest document accepted, in megabytes.' },
  { name: 'COUNTERSIGN_LOG_LEVEL', default: 'info', description: `One of ${LOG_LEVELS.join(', ')}.` },
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

  const apiKey = read('COUNTERSIGN_API_KEY');
  if (apiKey !== undefined && apiKey.length < 24) {
    problems.push('COUNTERSIGN_API_KEY must be at least 24 characters long (use a random value, e.g. `openssl rand -hex 24`).');
  }

  const logLevel = (read('COUNTERSIGN_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`COUNTERSIGN_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}".`);
  }

  if (problems.length > 0) throw new ConfigurationError(problems);

  return {
    host: read('HOST') ?? '127.0.0.1',
    port,
    dataDir: resolve(cwd, read('COUNTERSIGN_DATA_DIR') ?? './data'),
    apiKey,
    maxUploadBytes: maxUploadMb * 1024 * 1024,
    logLevel: logLevel as LogLevel,
  };
}
