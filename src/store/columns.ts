/**
 * A table's columns, each named: what the hot queries select in place of `*`. On PostgreSQL a
 * statement that selects `*` is never prepared (pg-prepared.ts: a migration adding a column would make
 * PostgreSQL refuse it during a rolling upgrade), so it is planned anew each time; named columns are
 * planned once per connection. The compiler holds a list to its table's interface (a column left out
 * is an error that names it), and columns.test.ts holds it to the migrated database.
 */
export function columnsOf<Table>() {
  return <const Names extends ReadonlyArray<keyof Table & string>>(names: Names & NoneLeftOut<Table, Names>): Names => names;
}

type NoneLeftOut<Table, Names extends ReadonlyArray<string>> = [Exclude<keyof Table & string, Names[number]>] extends [never] ? unknown : { leftOut: Exclude<keyof Table & string, Names[number]> };

/** `names` as `table.name`, for a query that joins another table. */
export function qualified<const Table extends string, const Name extends string>(table: Table, names: ReadonlyArray<Name>): Array<`${Table}.${Name}`> {
  return names.map((name) => `${table}.${name}` as const);
}
