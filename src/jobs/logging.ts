import type { Job } from './queue.js';

/** Structured logging in pino's shape (fields first, then the message). */
export interface QueueLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: QueueLogger = { info() {}, warn() {}, error() {} };

const MAX_ERROR_LENGTH = 2_000;

/** What a log line may say about a job: never its data, which can hold personal data. */
export function jobLogFields(job: Job): Record<string, unknown> {
  return { jobId: job.id, name: job.name, attempt: job.attempts, maxAttempts: job.maxAttempts };
}

/** A thrown value's message as stored in lastError and logged: bounded, so one huge message cannot bloat the row. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}

/** Whether `promise` settles within `ms`. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
