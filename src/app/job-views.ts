import { NotFoundError } from '../domain/errors.js';
import type { Job } from '../jobs/queue.js';
import { isEnvelopeVisible } from '../store/envelopes.js';
import type { AppContext } from './context.js';
import type { Viewer } from '../store/visibility.js';

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

/**
 * A job about one envelope (send, sync, archive, the provider actions of envelopes/actions.ts: any
 * job whose data has an `envelopeId`) is shown only to those who may see that envelope,
 * and is otherwise not found, like the envelope itself. `viewer` undefined: sees every job.
 */
export async function getJob(context: AppContext, id: string, viewer?: Viewer): Promise<JobView> {
  const job = await context.queue.getJob(id);
  if (!job || (viewer && !(await mayViewerSee(context, job, viewer)))) throw new NotFoundError('job', id);
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

async function mayViewerSee(context: AppContext, job: Job, viewer: Viewer): Promise<boolean> {
  const envelopeId = (job.data as { envelopeId?: unknown } | null)?.envelopeId;
  return typeof envelopeId !== 'string' || isEnvelopeVisible(context.db, envelopeId, viewer);
}
