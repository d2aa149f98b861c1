/**
 * Runs the functions given for one key one after another, never interleaved (shared by the sandboxes):
 * a sandbox's read–modify–write of one process or package must not interleave with another request's.
 * A function that fails does not stop the next one; keys nobody waits on are forgotten.
 */
export function createKeyedLock(): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  const locks = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(fn);
    const settled = next.catch(() => undefined);
    locks.set(key, settled);
    void settled.then(() => {
      if (locks.get(key) === settled) locks.delete(key);
    });
    return next;
  };
}
