import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * Distinct statements one connection keeps prepared at most. Queries with `in ($1, $2, …)` lists
 * make a text for each length; past this many, a connection runs new texts unprepared, as before.
 * PostgreSQL keeps each prepared statement's plan in the connection's memory (some kilobytes each).
 */
export const PREPARED_PER_CONNECTION = 200;

/** PostgreSQL's refusal of a prepared statement whose answer's columns changed (ALTER TABLE) since it was prepared. */
const RESULT_TYPE_CHANGED = /cached plan must not change result type/;

/**
 * Begins a text to be run unprepared. A statement prepared on a table partitioned by value (pg-boss's
 * job table: a partition per queue, attached by another connection when a queue is first used)
 * keeps the partitions it knew within a transaction that already holds the table, where a text
 * parsed afresh sees the new one: 'no partition of relation "job" found for row'.
 */
export const UNPREPARED = '/* unprepared */ ';

/**
 * `select *`, `select "table".*`, `, "table".*`, `returning *`, as Kysely writes them (not
 * `count(*)`, not a product): their answer gains a column when a migration adds one, which
 * PostgreSQL refuses a prepared statement (RESULT_TYPE_CHANGED).
 */
const STAR_PROJECTION = /(?:\b(?:select(?:\s+distinct)?|returning)|,)\s+(?:"\w+"\.)?\*/i;

/**
 * The pool as Kysely's PostgreSQL dialect uses it, its queries with parameters run as prepared
 * statements: each connection prepares a query's text once (named by its hash) and then only binds
 * and executes it. Unprepared, PostgreSQL parses and plans every query anew, which cost it more than
 * running it: 0.3 ms of planning against 0.1 of execution for GET /envelopes/{id}'s one query, whose
 * prepared plan took 0.01 ms (EXPLAIN ANALYZE on PostgreSQL 15). Kysely builds the same text for the
 * same query shape, as the SQLite store's statement cache relies on (database.ts).
 *
 * Texts without parameters (BEGIN, COMMIT, a migration's DDL) run as they are, and so do those marked
 * `UNPREPARED` (the job queue's, src/jobs/queue.ts) and those that select every column
 * (`STAR_PROJECTION`): instances of the previous release keep working while another migrates
 * (docs/deployment.md, "Upgrading"), and migrations add columns. Should a prepared statement's answer
 * change all the same (a column's type changed), PostgreSQL refuses it once; the connection then
 * names its statements afresh, so that the next run prepares it again.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let preparing = wrapped.get(client);
      if (!preparing) {
        preparing = preparingClient(client);
        // The same wrapper for the same connection: Kysely keeps its own state per client object.
        wrapped.set(client, preparing);
      }
      return preparing;
    },
    end: () => pool.end(),
  };
}

function preparingClient(client: pg.PoolClient): PostgresPoolClient {
  /** Text → the name it was prepared under on this connection. */
  const prepared = new Map<string, string>();
  /** Part of every name: a new one after PostgreSQL refused a statement whose table changed. */
  let generation = 0;
  const query = async (text: string, parameters: readonly unknown[]) => {
    const values = [...parameters];
    let name = prepared.get(text);
    if (name === undefined) {
      const unprepared = text.startsWith(UNPREPARED) || STAR_PROJECTION.test(text) || prepared.size >= PREPARED_PER_CONNECTION;
      if (unprepared) return client.query(text, values);
      name = `cs${generation}_${createHash('sha1').update(text).digest('base64url')}`;
      prepared.set(text, name);
    }
    try {
      return await client.query({ name, text, values });
    } catch (error) {
      if (error instanceof Error && RESULT_TYPE_CHANGED.test(error.message)) {
        // pg would skip preparing a name it has prepared: new names make it prepare each text again.
        // The old statements stay on the server until the connection closes (pg's pool closes one
        // idle for 10 s).
        generation += 1;
        prepared.clear();
      }
      throw error;
    }
  };
  // Kysely passes a cursor only when its dialect is given one to stream with, which this store's is not.
  const textQuery = (text: string, parameters: readonly unknown[]) => (parameters.length > 0 ? query(text, parameters) : client.query(text));
  return { query: textQuery as unknown as PostgresPoolClient['query'], release: () => client.release() };
}
