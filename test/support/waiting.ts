/** Polls `probe` until `done` says yes, or fails with the last value after the deadline. Never a fixed sleep. */
export async function waitUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: T;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'a state'}; last: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((resolveTick) => setTimeout(resolveTick, 100));
  }
}
