import { open, type FileHandle } from 'node:fs/promises';
import type BetterSqlite3 from 'better-sqlite3';
import type { BackgroundCheckpoint } from './background-checkpoint.js';
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase as DriverDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';

/**
 * Group commit for the embedded SQLite database: every commit is as durable as with
 * `synchronous=FULL` before anyone goes on with it, but concurrent commits share one fsync, made off
 * the event loop.
 *
 * With `synchronous=FULL`, SQLite fsyncs the write-ahead log inside each COMMIT: a few milliseconds
 * during which better-sqlite3 blocks the whole server, once per commit, however many commits wait.
 * Here the connection runs with `synchronous=NORMAL` (a commit appends to the WAL without an fsync;
 * SQLite still fsyncs around its checkpoints), and Kysely hands the connection back only after an
 * fsync of the WAL file that started after the commit (`untilDurable`). That fsync runs in libuv's
 * thread pool, starting a turn of the event loop after the commit that asks for it, so that the
 * commits of that turn share it (a send's 400 envelopes took 894 fsyncs instead of 1,476); commits
 * made while it runs wait for the next one, which covers all of them. So a
 * caller never continues — answers a request, calls a provider, runs the next step of a send — before
 * its writes would survive a power cut, exactly as with FULL; and a caller that only read waits too
 * when what it read may not be durable yet, so nothing observes a commit that a power cut could undo.
 */
export class GroupCommit {
  /** Commits (and autocommitted statements) so far, and how many of them an fsync has covered. */
  private committed = 0;
  private durable = 0;
  private syncing: Promise<void> | null = null;
  /** The WAL file, opened at the first sync and kept: SQLite keeps it while the database is open. */
  private wal: Promise<FileHandle> | null = null;

  /** `sync` replaces the fsync of `walPath` (tests). */
  constructor(
    private readonly walPath: string,
    private readonly sync: () => Promise<void> = () => this.syncWal(),
  ) {}

  /** Counts a finished commit: called after each statement that ends outside a transaction. */
  commitDone(): void {
    this.committed += 1;
  }

  /** Resolves once every commit made so far is on disk; rejects when the fsync fails. */
  async untilDurable(): Promise<void> {
    const wanted = this.committed;
    while (this.durable < wanted) {
      // An fsync already running may have started before our commit: wait for it, then start the next.
      if (this.syncing === null) {
        this.syncing = (async () => {
          // Commits made in the rest of this turn of the event loop ride on the same fsync.
          await new Promise((resolve) => setImmediate(resolve));
          const covers = this.committed;
          await this.sync();
          this.durable = Math.max(this.durable, covers);
        })().finally(() => {
          this.syncing = null;
        });
      }
      await this.syncing;
    }
  }

  private async syncWal(): Promise<void> {
    // Read-write: Windows refuses to flush a handle opened for reading only.
    this.wal ??= open(this.walPath, 'r+');
    try {
      await (await this.wal).sync();
    } catch (error) {
      // Opened afresh next time, in case the failure was the handle's.
      void this.close();
      throw error;
    }
  }

  /** Lets go of the WAL file (the database is closing), once an fsync asked for has run. */
  async close(): Promise<void> {
    // One asked for may not have started yet (it waits a turn): it still runs, on the open file.
    await this.syncing?.catch(() => undefined);
    const wal = this.wal;
    this.wal = null;
    await (await wal?.catch(() => undefined))?.close();
  }
}

/** better-sqlite3's database as Kysely's driver uses it, calling `commitDone` after each commit made through its statements. */
export function countingCommits(database: BetterSqlite3.Database, commitDone: () => void): DriverDatabase & { prepare(sql: string): SqliteStatement & { readonly busy: boolean } } {
  return {
    close: () => database.close(),
    prepare(sql) {
      const statement = database.prepare(sql);
      return {
        get reader() {
          return statement.reader;
        },
        get busy() {
          return statement.busy;
        },
        all: (parameters) => statement.all(...parameters),
        iterate: (parameters) => statement.iterate(...parameters),
        run(parameters) {
          const result = statement.run(...parameters);
          // A COMMIT, or a write outside any transaction (SQLite commits it by itself).
          if (!database.inTransaction) commitDone();
          return result;
        },
      };
    },
  };
}

/**
 * Kysely's SQLite dialect whose driver hands the connection back only once its commits are durable,
 * and ends the background checkpoints, if any, before the connection closes.
 */
export class GroupCommitSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly groupCommit: GroupCommit,
    private readonly checkpoints?: BackgroundCheckpoint,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const groupCommit = this.groupCommit;
    const checkpoints = this.checkpoints;
    return new (class extends SqliteDriver {
      override async releaseConnection(): Promise<void> {
        // Released first, so that other queries (whose commits the same fsync will cover) go on meanwhile.
        await super.releaseConnection();
        await groupCommit.untilDurable();
      }

      override async destroy(): Promise<void> {
        // First: the worker's connection open, this one's close would not checkpoint and remove the WAL.
        await checkpoints?.close();
        await groupCommit.close();
        await super.destroy();
      }

      /**
       * SQLite rolls a transaction back by itself when a statement fails with SQLITE_FULL, SQLITE_IOERR,
       * SQLITE_BUSY or SQLITE_NOMEM; Kysely's ROLLBACK after it then fails ("no transaction is active")
       * and that error would replace the one that says what happened (a full disk: 503, not a 500).
       */
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        try {
          await super.rollbackTransaction(connection);
        } catch (error) {
          if (error instanceof Error && error.message === 'cannot rollback - no transaction is active') return;
          throw error;
        }
      }
    })(this.config);
  }
}
