/**
 * A test seam, and nothing else: when COUNTERSIGN_TEST_KILL_AT names this point, the process kills
 * itself here with SIGKILL (no cleanup, no finally), as a power cut or an OOM kill would. The kill
 * tests in test/security/, test/e2e/crash-recovery.test.ts and test/e2e/idempotency-crash.test.ts use it to prove that no state reachable
 * at that point is left broken. `point:N` kills at the N-th time the process reaches it (a send's third
 * checkpoint save, say). Unset (always, outside those tests), it does nothing.
 */
export type CrashPoint =
  /** An upload's bytes are in the blob store, its row not yet written. */
  | 'document-blob-stored'
  /** A send's checkpoint is about to be saved (after the provider answered the step it records). */
  | 'send-checkpoint-save'
  /** A request with an Idempotency-Key did its action; its answer is about to be saved. */
  | 'idempotent-answer-unsaved';

const reached = new Map<CrashPoint, number>();

export function crashPoint(point: CrashPoint): void {
  const wanted = process.env.COUNTERSIGN_TEST_KILL_AT;
  if (wanted === undefined || !wanted.startsWith(point)) return;
  const [name, nth = '1'] = wanted.split(':');
  if (name !== point) return;
  const count = (reached.get(point) ?? 0) + 1;
  reached.set(point, count);
  if (count === Number(nth)) process.kill(process.pid, 'SIGKILL');
}
