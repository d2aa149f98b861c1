import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUploadGate, UploadIdleError, watchBodyIdle } from './uploads.js';

describe('createUploadGate', () => {
  it('lets each principal run up to the limit, and frees a slot once, however often it is released', () => {
    const gate = createUploadGate(2);
    const first = gate.enter('key_a');
    const second = gate.enter('key_a');
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    expect(gate.enter('key_a')).toBeUndefined();
    // Another principal has its own allowance.
    expect(gate.enter('key_b')).toBeTypeOf('function');

    first!();
    first!();
    expect(gate.enter('key_a')).toBeTypeOf('function');
    expect(gate.enter('key_a')).toBeUndefined();
  });
});

describe('watchBodyIdle', () => {
  // Fake timers: the idle time passes when the test says so, whatever the machine's load.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const body = () => {
    const stream = new PassThrough();
    stream.resume();
    return stream as unknown as IncomingMessage & PassThrough;
  };

  it('fails the race and runs onExpire when the body sends nothing for the idle time', async () => {
    const request = body();
    const expired: UploadIdleError[] = [];
    const watch = watchBodyIdle(request, 1000, (error) => expired.push(error));
    const raced = watch.race(new Promise(() => {}));
    vi.advanceTimersByTime(999);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    await expect(raced).rejects.toBeInstanceOf(UploadIdleError);
    expect(expired).toHaveLength(1);
  });

  it('restarts the wait on every chunk, and stops watching once the body has ended', async () => {
    const request = body();
    const expired: UploadIdleError[] = [];
    watchBodyIdle(request, 1000, (error) => expired.push(error));
    for (let index = 0; index < 5; index += 1) {
      vi.advanceTimersByTime(900);
      request.write('x');
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(expired).toEqual([]);
    request.end();
    await vi.advanceTimersByTimeAsync(5000);
    expect(expired).toEqual([]);
  });

  it('stop() ends the watch', () => {
    const request = body();
    const expired: UploadIdleError[] = [];
    watchBodyIdle(request, 1000, (error) => expired.push(error)).stop();
    vi.advanceTimersByTime(5000);
    expect(expired).toEqual([]);
  });
});
