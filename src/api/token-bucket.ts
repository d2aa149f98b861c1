/**
 * Token buckets by key, in memory: each key holds up to `capacity` tokens and regains `refillPerSecond`
 * of them; a request takes one or is told how long until one is back. In memory is enough for the
 * embedded server (one process); keys must come from a bounded set (e.g. known connection ids), as
 * nothing here evicts them.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes a token for `key`: `{ ok: true }`, or `{ ok: false, retryAfterSeconds }` (whole seconds, at least 1). */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.refillPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerSecond)) };
  }
}
