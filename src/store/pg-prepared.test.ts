import { CompiledQuery, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DATABASE_SERVER } from '../../test/support/postgres.js';
import { PREPARED_PER_CONNECTION, UNPREPARED } from './pg-prepared.js';
import { kyselyOverPool, openPostgresPool } from './postgres.js';

/**
 * The store's queries as prepared statements on PostgreSQL, on a database of its own with one
 * connection (prepared statements belong to a connection, and `pg_prepared_statements` lists the
 * asking connection's). Runs when COUNTERSIGN_TEST_DATABASE_URL names a server.
 */
describe.runIf(TEST_DATABASE_SERVER !== undefined)('PostgreSQL prepared statements', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Kysely<any>;

  /** The connection's prepared statements whose text is `text` (or all of them). */
  const preparedCount = async (text?: string) => {
    const query = db.selectFrom('pg_prepared_statements').select((eb) => eb.fn.countAll<number>().as('count'));
    return (await (text === undefined ? query : query.where('statement', '=', text)).executeTakeFirstOrThrow()).count;
  };

  beforeAll(async () => {
    database = await createTestDatabase('prepared');
    db = kyselyOverPool(openPostgresPool({ url: database.url, maxConnections: 1 })) as Kysely<any>;
    await sql`create table people (id integer primary key, name text not null)`.execute(db);
    await db.insertInto('people').values([{ id: 1, name: 'Anna' }, { id: 2, name: 'James' }]).execute();
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('prepares a query once on its connection and then runs it with each call’s values', async () => {
    const byId = (id: number) => db.selectFrom('people').select('name').where('id', '=', id);
    expect((await byId(1).executeTakeFirst())?.name).toBe('Anna');
    expect((await byId(2).executeTakeFirst())?.name).toBe('James');
    expect(await byId(3).executeTakeFirst()).toBeUndefined();
    expect(await preparedCount(byId(1).compile().sql)).toBe(1);
  });

  it('runs a text without parameters as it is: transactions and schema changes are not prepared', async () => {
    await db.transaction().execute(async (transaction) => {
      await sql`create table notes (id integer primary key)`.execute(transaction);
      await transaction.insertInto('notes').values({ id: 1 }).execute();
    });
    expect(await db.selectFrom('notes').select('id').execute()).toEqual([{ id: 1 }]);
    const unparameterised = await db.selectFrom('pg_prepared_statements').select('statement').where('parameter_types', '=', sql<string[]>`'{}'::regtype[]`).execute();
    expect(unparameterised).toEqual([]);
  });

  it(`keeps at most ${PREPARED_PER_CONNECTION} statements on a connection and runs further texts unprepared`, async () => {
    for (let extra = 0; extra < PREPARED_PER_CONNECTION + 10; extra++) {
      const answer = await sql<{ sum: number }>`select ${extra}::integer + ${sql.lit(extra)} as sum`.execute(db);
      expect(answer.rows[0]!.sum).toBe(2 * extra);
    }
    expect(await preparedCount()).toBe(PREPARED_PER_CONNECTION);
  });

  it('leaves a select of every column unprepared, so that a column another instance’s migration adds is simply in the answer', async () => {
    const everything = db.selectFrom('people').selectAll().where('id', '=', 1);
    expect(await everything.executeTakeFirst()).toEqual({ id: 1, name: 'Anna' });
    await sql`alter table people add column language text not null default 'en'`.execute(db);
    expect(await everything.executeTakeFirst()).toEqual({ id: 1, name: 'Anna', language: 'en' });
    expect(await preparedCount(everything.compile().sql)).toBe(0);
  });

  it('prepares a statement again after PostgreSQL refused it once because its answer’s columns changed', async () => {
    await db.destroy();
    db = kyselyOverPool(openPostgresPool({ url: database.url, maxConnections: 1 })) as Kysely<any>;
    const name = () => db.selectFrom('people').select(['id', 'name']).where('id', '=', 1).executeTakeFirst();
    expect(await name()).toEqual({ id: 1, name: 'Anna' });
    await sql`alter table people alter column id type bigint`.execute(db);
    await expect(name()).rejects.toThrow(/cached plan must not change result type/);
    expect(await name()).toEqual({ id: 1, name: 'Anna' });
  });

  it('runs a text marked UNPREPARED parsed afresh, which sees a partition attached by another connection during its transaction', async () => {
    await sql`create table queued (name text not null) partition by list (name)`.execute(db);
    await sql`create table queued_a partition of queued for values in ('a')`.execute(db);
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    const insert = (transaction: Kysely<any>, name: string, marked: boolean) => {
      const text = 'insert into queued (name) values ($1)';
      return transaction.executeQuery(CompiledQuery.raw(marked ? UNPREPARED + text : text, [name]));
    };
    /** Queue `name` made as pg-boss makes one, by another connection, while the transaction holds the table. */
    const attach = async (name: string) => {
      await other.query(`create table queued_${name} (like queued)`);
      await other.query(`alter table queued attach partition queued_${name} for values in ('${name}')`);
    };
    try {
      await expect(db.transaction().execute(async (transaction) => {
        await insert(transaction, 'a', false);
        await attach('b');
        await insert(transaction, 'b', false);
      })).rejects.toThrow(/no partition of relation "queued" found for row/);
      await db.transaction().execute(async (transaction) => {
        await insert(transaction, 'a', true);
        await attach('c');
        await insert(transaction, 'c', true);
      });
      expect(await db.selectFrom('queued_c').select('name').execute()).toEqual([{ name: 'c' }]);
    } finally {
      await other.end();
    }
  });
});
