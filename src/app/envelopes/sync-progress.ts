/**
 * What the sync-all job reports as it goes (its `progress`) and when it ends (its `result`). The
 * OpenAPI document leaves job payloads open, so the clients take this declaration through
 * src/api-client/types.ts. It imports nothing: the web app's typecheck reads this file, not the app.
 */
export interface SyncProgress {
  connections: number;
  connectionsDone: number;
  inFlight: number;
  checked: number;
  changed: number;
  providerCalls: number;
  /** Envelopes left for the next pass: beyond a polled connection's budget (COUNTERSIGN_SYNC_POLL_BUDGET). */
  deferred: number;
  errors: string[];
}
