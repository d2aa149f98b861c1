import { errorMessage, type QueueLogger } from './logging.js';
import type { EnqueueOptions } from './queue.js';

/**
 * The recurring jobs of one queue instance (JobQueue.scheduleEvery), the same for every backend.
 *
 * Time is cut into slots of the interval, aligned on the Unix epoch. Every instance keeps the NEXT
 * slot's job enqueued (due at the slot's start, singleton key naming the slot), checking at least
 * three times per interval. Since that job is unfinished until its slot starts, the singleton rule
 * makes all instances share one job per slot, and any instance still running keeps the series
 * going: no job has to schedule its successor, so a run that dies (a killed instance) skips nothing
 * after it. The slot is read on the queue's own clock (the database's, for pg-boss), so instances
 * whose clocks differ still agree on it.
 */
export class RecurringJobs {
  private readonly schedules: Schedule[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;

  constructor(
    private readonly enqueue: (name: string, data: unknown, options: EnqueueOptions) => Promise<string>,
    /** The clock slots are read on. */
    private readonly now: () => Promise<Date>,
    private readonly logger: QueueLogger,
  ) {}

  add(name: string, intervalMs: number, data: unknown): void {
    if (!name) throw new TypeError('A recurring job needs a name.');
    if (!Number.isInteger(intervalMs) || intervalMs < 30) throw new RangeError(`intervalMs must be a whole number of at least 30 ms, not ${intervalMs}.`);
    if (this.schedules.some((schedule) => schedule.name === name)) throw new Error(`Jobs named "${name}" already recur; schedule each name once.`);
    const schedule = { name, intervalMs, data: data ?? null };
    this.schedules.push(schedule);
    if (this.running) this.begin(schedule);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const schedule of this.schedules) this.begin(schedule);
  }

  /** Stops checking; waits for an enqueue under way, so nothing touches the database after. */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
    await Promise.all(this.inFlight);
  }

  private begin(schedule: Schedule): void {
    const tick = () => {
      if (!this.running) return;
      const done = this.enqueueNext(schedule).finally(() => this.inFlight.delete(done));
      this.inFlight.add(done);
    };
    tick();
    // Three checks per interval: a late timer still enqueues each slot before it starts.
    const timer = setInterval(tick, Math.min(Math.floor(schedule.intervalMs / 3), 60_000));
    // The schedule alone must not keep the process alive.
    timer.unref();
    this.timers.add(timer);
  }

  private async enqueueNext({ name, intervalMs, data }: Schedule): Promise<void> {
    try {
      const now = (await this.now()).getTime();
      const slot = new Date((Math.floor(now / intervalMs) + 1) * intervalMs);
      // One attempt: a failed run is followed by the next slot's, not by a retry that could overlap it.
      await this.enqueue(name, data, { runAfter: slot, singletonKey: `every ${intervalMs} ms, slot ${slot.toISOString()}`, maxAttempts: 1 });
    } catch (error) {
      this.logger.warn({ name, error: errorMessage(error) }, 'could not enqueue the next run of a recurring job; trying again at the next check');
    }
  }
}

interface Schedule {
  name: string;
  intervalMs: number;
  data: unknown;
}
