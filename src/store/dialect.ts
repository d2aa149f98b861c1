import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';

/**
 * The one place that knows which database the store runs on, and the few SQL forms that differ
 * between them. Everything else in store/ is SQL both run (docs/architecture.md, "Portable SQL").
 */
export type SqlDialect = 'sqlite' | 'postgres';

/** A transaction is a Kysely of its database's dialect too. */
export function dialectOf(db: Kysely<any>): SqlDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** JSON built in SQL: SQLite's json1 functions, PostgreSQL's json ones. Read the results with `parseJsonColumn`. */
export interface JsonSql {
  /** The rows of `query` as one JSON array of objects (Kysely's `jsonArrayFrom`). */
  arrayFrom(query: SelectQueryBuilder<any, any, unknown>): RawBuilder<unknown>;
  /** The values of `columns` (qualified names) as one JSON array. */
  values(columns: readonly string[]): RawBuilder<unknown>;
  /** Each row of `query` as a JSON array of its `columns`' values (`values`), all in one JSON array; `[]` for none. */
  valuesFrom(query: SelectQueryBuilder<any, any, unknown>, columns: readonly string[]): RawBuilder<unknown>;
}

const SQLITE_JSON: JsonSql = {
  arrayFrom: (query) => sqliteJsonArrayFrom(query),
  values: (columns) => sql`json_array(${sql.join(columns.map((column) => sql.ref(column)))})`,
  valuesFrom: (query, columns) =>
    sql`(select coalesce(json_group_array(${SQLITE_JSON.values(columns.map((column) => `agg.${column}`))}), '[]') from ${query} as agg)`,
};

const POSTGRES_JSON: JsonSql = {
  arrayFrom: (query) => postgresJsonArrayFrom(query),
  values: (columns) => sql`json_build_array(${sql.join(columns.map((column) => sql.ref(column)))})`,
  // json_agg keeps the order of the rows of its subquery.
  valuesFrom: (query, columns) =>
    sql`(select coalesce(json_agg(${POSTGRES_JSON.values(columns.map((column) => `agg.${column}`))}), '[]') from ${query} as agg)`,
};

export function jsonSql(db: Kysely<any>): JsonSql {
  return dialectOf(db) === 'postgres' ? POSTGRES_JSON : SQLITE_JSON;
}

/** SQLite returns JSON built in SQL as text; pg parses PostgreSQL's json already. */
export function parseJsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
