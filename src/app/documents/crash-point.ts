/**
 * A test seam, and nothing else: when COUNTERSIGN_TEST_KILL_AT names this point, the process kills
 * itself here with SIGKILL (no cleanup, no finally), as a power cut or an OOM kill would. The kill
 * tests in test/security/ use it to prove that no state reachable at that point is left broken.
 * Unset (always, outside those tests), it does nothing.
 */
export type CrashPoint = 'document-blob-stored';

export function crashPoint(point: CrashPoint): void {
  if (process.env.COUNTERSIGN_TEST_KILL_AT === point) process.kill(process.pid, 'SIGKILL');
}
