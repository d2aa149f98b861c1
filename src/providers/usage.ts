/**
 * Provider calls counted per connection, in memory (since this process started): what an operator
 * reads on `GET /api/v1/connections/{id}` as `usage`. Each HTTP attempt counts as one call; a failure
 * is an attempt that got no answer (network error, timeout) or a 429 or 5xx — the provider's answers
 * to a request it refused on its merits (a 404, Autenti's 403 challenge) are not failures of the call.
 */

export type ConnectionUsage = {
  /** HTTP attempts made to the provider. */
  readonly calls: number;
  readonly failures: number;
  /** When counting started for this connection (ISO 8601): counters live in memory and restart with the server. */
  readonly since: string;
};

/** What one attempt tells the counters. */
export type CallOutcome = { readonly status: number | null };

export interface UsageMeter {
  record(connectionId: string, outcome: CallOutcome): void;
  read(connectionId: string): ConnectionUsage;
}

export function isFailedCall(outcome: CallOutcome): boolean {
  return outcome.status === null || outcome.status === 429 || outcome.status >= 500;
}

export function createMemoryUsageMeter(now: () => Date = () => new Date()): UsageMeter {
  const counters = new Map<string, { calls: number; failures: number; since: string }>();
  const entry = (connectionId: string) => {
    let counter = counters.get(connectionId);
    if (!counter) counters.set(connectionId, (counter = { calls: 0, failures: 0, since: now().toISOString() }));
    return counter;
  };
  return {
    record(connectionId, outcome) {
      const counter = entry(connectionId);
      counter.calls += 1;
      if (isFailedCall(outcome)) counter.failures += 1;
    },
    read(connectionId) {
      return { ...entry(connectionId) };
    },
  };
}
