import type { IncomingMessage } from 'node:http';

/**
 * Guards for upload requests: how many one principal may run at once, and how long the body may
 * stall. Both exist because an upload streams into a temporary file for as long as the client keeps
 * sending: without them, a few slow clients hold open files and sockets indefinitely.
 */

/** Counts the uploads in progress per principal (API key or account). */
export function createUploadGate(maxConcurrent: number) {
  const running = new Map<string, number>();
  return {
    /** A release function, or undefined when the principal already has `maxConcurrent` uploads running. */
    enter(principalId: string): (() => void) | undefined {
      const count = running.get(principalId) ?? 0;
      if (count >= maxConcurrent) return undefined;
      running.set(principalId, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (running.get(principalId) ?? 1) - 1;
        if (left <= 0) running.delete(principalId);
        else running.set(principalId, left);
      };
    },
  };
}

export type UploadGate = ReturnType<typeof createUploadGate>;

/** Thrown when the body of an upload stopped arriving for longer than the idle timeout. */
export class UploadIdleError extends Error {
  constructor(readonly idleMs: number) {
    super(`The upload sent nothing for ${Math.round(idleMs / 1000)} s.`);
  }
}

/**
 * Watches the request body: when no bytes arrive for `idleMs`, `expired` rejects with an
 * UploadIdleError and `onExpire` runs (to abort the stream being written, so its temporary file is
 * removed). `stop` ends the watch once the body has been read.
 */
export function watchBodyIdle(body: IncomingMessage, idleMs: number, onExpire: (error: UploadIdleError) => void) {
  let rejectExpired: (error: UploadIdleError) => void = () => {};
  const expired = new Promise<never>((_resolve, reject) => {
    rejectExpired = reject;
  });
  // Only ever awaited in a race; a rejection nobody raced is not an error.
  expired.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    stop();
    const error = new UploadIdleError(idleMs);
    onExpire(error);
    rejectExpired(error);
  };
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(fire, idleMs);
  };
  const stop = () => {
    clearTimeout(timer);
    body.off('data', restart);
    body.off('end', stop);
  };
  if (!body.readableEnded) {
    body.on('data', restart);
    body.once('end', stop);
    restart();
  }
  return {
    expired,
    stop,
    /** Waits for `work`, or fails with the idle error first. */
    race: <T>(work: Promise<T>): Promise<T> => Promise.race([work, expired]),
  };
}
