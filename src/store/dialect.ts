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

/**
 * JSON objects built in SQL, as SQL text: the few functions and casts in which the dialects differ,
 * for `envelope-summaries.ts`, whose whole expression is text of fixed column names.
 */
export interface JsonTextSql {
  /** A JSON object of `entries` (key, SQL value), in their order. */
  object(entries: ReadonlyArray<readonly [string, string]>): string;
  /** A text column holding JSON, as that JSON value; null stays null. */
  parse(text: string): string;
  /** The JSON array of `value` over the rows of `from` (a FROM clause), in their order; `[]` for none. */
  arrayOver(value: string, from: string): string;
  /** The elements of the JSON array held in text `text`, as a FROM item `alias` whose column `value` is each element. */
  elements(text: string, alias: string): string;
  /** The length of the JSON array held in text `text`. */
  arrayLength(text: string): string;
  /** JSON true or false, as SQL condition `condition` holds. */
  truth(condition: string): string;
  /** A JSON value as text, which the driver hands over unparsed. */
  text(json: string): string;
}

const quoted = (key: string) => `'${key.replaceAll("'", "''")}'`;

const SQLITE_JSON_TEXT: JsonTextSql = {
  object: (entries) => `json_object(${entries.map(([key, value]) => `${quoted(key)}, ${value}`).join(', ')})`,
  parse: (text) => `json(${text})`,
  arrayOver: (value, from) => `(select coalesce(json_group_array(${value}), json('[]')) from ${from})`,
  elements: (text, alias) => `json_each(${text}) as ${alias}`,
  arrayLength: (text) => `json_array_length(${text})`,
  truth: (condition) => `json(case when ${condition} then 'true' else 'false' end)`,
  text: (json) => json,
};

const POSTGRES_JSON_TEXT: JsonTextSql = {
  object: (entries) => `json_build_object(${entries.map(([key, value]) => `${quoted(key)}::text, ${value}`).join(', ')})`,
  parse: (text) => `(${text})::json`,
  // json_agg keeps the order of the rows it is given.
  arrayOver: (value, from) => `(select coalesce(json_agg(${value}), '[]'::json) from ${from})`,
  elements: (text, alias) => `json_array_elements((${text})::json) as ${alias}(value)`,
  arrayLength: (text) => `json_array_length((${text})::json)`,
  truth: (condition) => `(${condition})`,
  text: (json) => `(${json})::text`,
};

export function jsonTextSql(dialect: SqlDialect): JsonTextSql {
  return dialect === 'postgres' ? POSTGRES_JSON_TEXT : SQLITE_JSON_TEXT;
}

export function jsonSql(db: Kysely<any>): JsonSql {
  return dialectOf(db) === 'postgres' ? POSTGRES_JSON : SQLITE_JSON;
}

/** SQLite returns JSON built in SQL as text; pg parses PostgreSQL's json already. */
export function parseJsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
