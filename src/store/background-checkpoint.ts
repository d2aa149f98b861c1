import { Worker } from 'node:worker_threads';

/**
 * Commits between two background checkpoints: some 2,500 pages (10 MB) of WAL at a send's 12.6
 * pages a commit, far below the threshold at which the event loop's own connection would checkpoint
 * (database.ts's WAL_CHECKPOINT_PAGES), so that it never has to while the worker keeps up.
 */
export const CHECKPOINT_EVERY_COMMITS = 200;

/** A worker that sees no checkpoint asked for this long ends, so that an idle server holds no thread. */
const IDLE_MS = 60_000;

/**
 * The worker: its own connection to the database file, which copies the WAL into it when asked.
 * PASSIVE copies what it can without waiting for readers or the writer, which go on meanwhile; a
 * checkpoint that has copied everything lets the next write start the WAL over from its beginning.
 * Its connection has better-sqlite3's `synchronous` for a WAL database (NORMAL), with which SQLite
 * still fsyncs the WAL before a checkpoint and the database file after it, before the WAL can be
 * reused: a power cut loses nothing a commit made durable. Plain JavaScript evaluated in the worker,
 * so that it runs the same from the build and from source; better-sqlite3 resolves from this module's
 * place.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const open = () => {
  const Database = require('node:module').createRequire(workerData.from)('better-sqlite3');
  const db = new Database(workerData.filename, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
};
let db;
parentPort.on('message', (message) => {
  if (message === 'close') {
    db?.close();
    parentPort.close();
    return;
  }
  try {
    db ??= open();
    parentPort.postMessage({ done: db.pragma('wal_checkpoint(PASSIVE)')[0] });
  } catch (error) {
    parentPort.postMessage({ failed: String(error?.message ?? error) });
  }
});
`;

/** What a checkpoint did, in WAL frames (pages): those in the WAL, and those now copied into the file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Checkpoints the embedded database's WAL from a worker thread, every CHECKPOINT_EVERY_COMMITS
 * commits. SQLite's own automatic checkpoint runs inside the commit that crosses its threshold, on
 * the event loop: at 10,000 pages it held every request for some 120 ms (docs/benchmarks.md). The
 * event loop's connection keeps that threshold as a backstop only (a worker that cannot start, or
 * checkpoints that readers keep from finishing). The worker starts at the first checkpoint asked for,
 * not with the database: most databases opened (a CLI command, a test) never get that far.
 */
export class BackgroundCheckpoint {
  private commits = 0;
  private worker: Worker | undefined;
  private running: Promise<CheckpointResult | undefined> | undefined;
  private idle: NodeJS.Timeout | undefined;
  /** Set once a worker failed: the backstop checkpoints from then on, and no worker is started again. */
  private failed = false;
  private closed = false;

  constructor(
    private readonly filename: string,
    private readonly everyCommits = CHECKPOINT_EVERY_COMMITS,
  ) {}

  /** Counts a finished commit; every `everyCommits` of them, asks the worker for a checkpoint. */
  commitDone(): void {
    this.commits += 1;
    if (this.commits >= this.everyCommits && !this.running) void this.checkpoint();
  }

  /** Runs a checkpoint now, unless one runs (then its result); undefined when no worker can. */
  checkpoint(): Promise<CheckpointResult | undefined> {
    if (this.running) return this.running;
    if (this.failed || this.closed) return Promise.resolve(undefined);
    this.commits = 0;
    clearTimeout(this.idle);
    const worker = (this.worker ??= this.startWorker());
    this.running = new Promise<CheckpointResult | undefined>((resolve) => {
      const settle = (outcome: { done: CheckpointResult } | { failed: string }) => {
        worker.off('message', settle);
        worker.off('error', onError);
        worker.off('exit', onExit);
        worker.unref();
        if ('failed' in outcome) this.fail(outcome.failed);
        resolve('done' in outcome ? outcome.done : undefined);
      };
      // The worker answers its own failures; these two are for a worker that could not run at all.
      const onError = (error: unknown) => settle({ failed: (error as Error | undefined)?.message ?? 'its worker failed' });
      const onExit = (code: number) => settle({ failed: `its worker exited with code ${code}` });
      worker.on('message', settle);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // Held while it works, so that whoever awaits it is not left when nothing else keeps the process alive.
      worker.ref();
      worker.postMessage('checkpoint');
    }).finally(() => {
      this.running = undefined;
      if (this.worker && !this.closed) this.idle = setTimeout(() => void this.endWorker(), IDLE_MS).unref();
      // Commits went on meanwhile: as many as make the next checkpoint due are not left waiting for one more.
      if (this.commits >= this.everyCommits) void this.checkpoint();
    });
    return this.running;
  }

  /** Ends the worker, once a checkpoint it runs has finished: before the event loop's connection closes. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idle);
    await this.running;
    await this.endWorker();
  }

  private startWorker(): Worker {
    // Referenced only while it checkpoints or closes: idle, it never keeps the process alive.
    return new Worker(WORKER_SOURCE, { eval: true, workerData: { filename: this.filename, from: import.meta.url } });
  }

  private async endWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private fail(reason: string): void {
    this.failed = true;
    void this.worker?.terminate();
    this.worker = undefined;
    process.emitWarning(`Background WAL checkpoints stopped (${reason}); SQLite checkpoints on the server's own thread from now on.`);
  }
}
