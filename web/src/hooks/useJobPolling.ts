import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { Job } from '../types';

const POLL_MS = 500;

/**
 * Follows a background job (GET /api/v1/jobs/{id}) until it is completed or dead, and hands the
 * last state to `onDone`. Polling stops when the page goes away. `Progress` is what the caller's job
 * reports (`SyncProgress`…): the API document leaves a job's `progress` and `result` open.
 */
export function useJobPolling<Progress>(onDone: (job: Job<Progress>) => void, onError: (error: unknown) => void) {
  const [job, setJob] = useState<Job<Progress> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const stopped = useRef(false);
  const callbacks = useRef({ onDone, onError });
  callbacks.current = { onDone, onError };

  useEffect(() => {
    stopped.current = false;
    return () => {
      stopped.current = true;
      window.clearTimeout(timer.current);
    };
  }, []);

  const follow = useCallback((started: Job) => {
    const withProgress = (job: Job) => job as Job<Progress>;
    setJob(withProgress(started));
    const poll = async (current: Job<Progress>) => {
      if (stopped.current) return;
      if (current.state === 'completed' || current.state === 'dead') {
        setJob(null);
        callbacks.current.onDone(current);
        return;
      }
      timer.current = window.setTimeout(async () => {
        try {
          const next = withProgress(await api.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId: current.id } } }));
          if (stopped.current) return;
          setJob(next);
          void poll(next);
        } catch (error) {
          setJob(null);
          callbacks.current.onError(error);
        }
      }, POLL_MS);
    };
    void poll(withProgress(started));
  }, []);

  return { job, follow };
}
