/**
 * Ids are a resource prefix and a ULID-like body: 10 characters of millisecond time, then 16 of
 * randomness, in Crockford base 32. They sort by creation time, which keeps cursor pagination
 * stable while rows are inserted (a new row sorts after every cursor handed out before it).
 *
 * Pure: the clock and the randomness are given. The process's generator, over the system clock and
 * crypto randomness, is `store/ids.ts`.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `evt`: a line of an envelope's history; `ev`: an event of the events feed (domain/events.ts);
 * `whe`: a webhook endpoint; `whd`: one delivery of an event to one endpoint (domain/webhooks.ts);
 * `tpl`: an envelope template; `bks`: a bulk send of a template to a CSV's rows (domain/templates.ts).
 */
export type IdPrefix = 'doc' | 'env' | 'par' | 'evt' | 'ev' | 'key' | 'job' | 'con' | 'art' | 'blob' | 'acc' | 'ses' | 'inv' | 'aud' | 'pcs' | 'whe' | 'whd' | 'tpl' | 'bks';

export interface IdSources {
  /** Milliseconds since the epoch. */
  now(): number;
  /** `count` unpredictable bytes. */
  randomBytes(count: number): Uint8Array;
}

export type IdGenerator = (prefix: IdPrefix) => string;

/** One generator per process: ids it makes in the same millisecond still sort in the order made. */
export function createIdGenerator(sources: IdSources): IdGenerator {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return (prefix) => {
    let now = sources.now();
    let random: number[];
    if (now <= lastTime) {
      // Same millisecond (or a clock step back): increment the previous randomness so ids stay ordered.
      random = increment(lastRandom);
      now = lastTime;
    } else {
      random = [...sources.randomBytes(16)].map((byte) => byte % 32);
    }
    lastTime = now;
    lastRandom = random;
    return `${prefix}_${encodeTime(now)}${random.map((digit) => ALPHABET[digit]).join('')}`;
  };
}

function encodeTime(time: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[time % 32] + out;
    time = Math.floor(time / 32);
  }
  return out;
}

function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 31) {
      next[i]! += 1;
      return next;
    }
    next[i] = 0;
  }
  return next;
}
