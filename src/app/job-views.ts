import { NotFoundError } from '../domain/errors.js';
import type { Job } from '../jobs/queue.js';
import type { AppContext } from './context.js';

/** A job as the API shows it: state, attempts, progress and result, timestamps as ISO text. */
export interface JobView {
  id: string;
  name: string;
  state: Job['state'];
  attempts: number;
  progress: unknown;
  result: unknown;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function getJob(context: AppContext, id: string): Promise<JobView> {
  const job = await context.queue.getJob(id);
  if (!job) throw new NotFoundError('job', id);
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    attempts: job.attempts,
    progress: job.progress ?? null,
    result: job.result ?? null,
    lastError: job.lastError,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}
