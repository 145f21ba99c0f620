import { sql, type Insertable, type RawBuilder, type Transaction } from "kysely";
import { columnTypes, type Database } from "./generated/database.js";

export type TableName = keyof Database;
type NewRow<T extends TableName> = Insertable<Database[T]>;
/** Stamped by the database (created_at) and by syncTable itself (updated_at): never passed. */
type Stamp = "created_at" | "updated_at";

/**
 * The rows to write, by column: one array per column, all of the same length, row i made of the
 * i-th element of each. The type follows the generated schema: every column an insert needs is
 * required, values have the column's insert type (jsonb as JSON text, arrays as arrays).
 */
export type ColumnMap<T extends TableName> = {
  [C in keyof NewRow<T> as C extends Stamp ? never : C]: readonly NewRow<T>[C][];
};
export type ColumnName<T extends TableName> = keyof ColumnMap<T> & string;

export interface SyncSpec<T extends TableName> {
  /**
   * The columns that identify a row (distinct, not null). Without a key the table is replaced
   * whole (for tables without a natural key, e.g. several events per date).
   */
  key?: readonly ColumnName<T>[];
  columns: ColumnMap<T>;
}

export interface SyncCounts {
  inserted: number;
  updated: number;
  deleted: number;
}

export type SyncTableErrorCode =
  | "UNKNOWN_COLUMN"
  | "LENGTH_MISMATCH"
  | "MISSING_KEY_COLUMN"
  | "NULL_KEY"
  | "DUPLICATE_KEY"
  | "NO_COLUMNS";

/** A batch syncTable refuses before writing anything (a bug of the caller, not of the data). */
export class SyncTableError extends Error {
  constructor(
    readonly code: SyncTableErrorCode,
    readonly table: string,
    message: string,
  ) {
    super(`${table}: ${message}`);
    this.name = "SyncTableError";
  }
}

interface Column {
  name: string;
  /** The Postgres type name, `[]`-suffixed for arrays (src/db/generated/database.ts). */
  type: string;
  values: readonly unknown[];
}

/** Types whose text form needs no quoting inside an array literal. */
const PLAIN_TYPES = new Set(["int2", "int4", "int8", "float4", "float8", "numeric", "date", "bool"]);
const isArrayType = (c: Column) => c.type.endsWith("[]");

/**
 * The rows as a derived table: one parameter array per column, unnested together. Array
 * columns travel as text[] and are cast per row (unnest would flatten a 2-D array).
 */
function rowsAsTable(columns: Column[]): RawBuilder<unknown> {
  const arrays = columns.map((c) => sql`${arrayParameter(c)}::${sql.raw(isArrayType(c) ? "text" : c.type)}[]`);
  const select = columns.map(
    (c, j) => sql`${sql.ref(`u.c${j}`)}${sql.raw(isArrayType(c) ? `::${c.type}` : "")} as ${sql.ref(c.name)}`,
  );
  const aliases = sql.join(columns.map((_, j) => sql.ref(`c${j}`)));
  return sql`select ${sql.join(select)} from unnest(${sql.join(arrays)}) as u(${aliases})`;
}

/**
 * A column as one array parameter. Numbers, dates and booleans need no quoting, so their
 * literal is a plain join (several times faster than the driver's per-element escaping on
 * 100k-row columns); array values become their text literal ('{1,2}'); text and jsonb are left
 * to the driver.
 */
function arrayParameter(c: Column): string | readonly unknown[] {
  if (isArrayType(c)) return c.values.map((v) => (v === null || v === undefined ? null : arrayLiteral(v as unknown[])));
  if (!PLAIN_TYPES.has(c.type)) return c.values;
  return `{${c.values.map((v) => (v === null || v === undefined ? "NULL" : String(v))).join(",")}}`;
}

function arrayLiteral(values: readonly unknown[]): string {
  const element = (v: unknown) =>
    v === null || v === undefined
      ? "NULL"
      : typeof v === "number" || typeof v === "boolean"
        ? String(v)
        : `"${String(v).replace(/[\\"]/g, "\\$&")}"`;
  return `{${values.map(element).join(",")}}`;
}

function columnsOf<T extends TableName>(table: T, map: ColumnMap<T>): Column[] {
  const types = columnTypes[table] as Record<string, string>;
  const columns = Object.entries(map as Record<string, readonly unknown[] | undefined>)
    .filter((entry): entry is [string, readonly unknown[]] => entry[1] !== undefined)
    .map(([name, values]) => ({ name, type: types[name], values }));
  if (columns.length === 0) throw new SyncTableError("NO_COLUMNS", table, "no columns to write");
  // The types allow only the table's columns; a cast around them is caught here, before any SQL.
  for (const c of columns)
    if (!c.type || c.name === "created_at" || c.name === "updated_at")
      throw new SyncTableError("UNKNOWN_COLUMN", table, `${c.name} is not a column syncTable writes`);
  const n = columns[0].values.length;
  for (const c of columns) {
    if (c.values.length !== n)
      throw new SyncTableError(
        "LENGTH_MISMATCH",
        table,
        `column ${c.name} has ${c.values.length} values, ${columns[0].name} has ${n}`,
      );
  }
  return columns;
}

/**
 * Throws unless the key columns hold no null and no key twice: the diff pairs rows by key (a
 * repeated key would be applied in an arbitrary order). Rows in key order (as the engine emits
 * them) are checked in one pass; any other order falls back to a set of the keys.
 */
function assertDistinctKeys(table: string, keyCols: Column[]): void {
  const n = keyCols[0]?.values.length ?? 0;
  const keyAt = (i: number) => keyCols.map((c) => String(c.values[i])).join(", ");
  const before = (i: number, j: number): boolean => {
    for (const c of keyCols) {
      const [a, b] = [c.values[i] as string | number, c.values[j] as string | number];
      if (a !== b) return a < b;
    }
    return false;
  };
  let ordered = true;
  for (let i = 0; i < n; i++) {
    for (const c of keyCols)
      if (c.values[i] === null || c.values[i] === undefined)
        throw new SyncTableError("NULL_KEY", table, `row ${i} has no ${c.name}`);
    if (ordered && i > 0 && !before(i - 1, i)) ordered = false;
  }
  if (ordered) return;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = keyAt(i);
    if (seen.has(k)) throw new SyncTableError("DUPLICATE_KEY", table, `key (${k}) appears twice`);
    seen.add(k);
  }
}

/** Bulk insert by columns: one `insert … select from unnest(…)` statement. */
async function insertColumns(trx: Transaction<Database>, table: TableName, columns: Column[]): Promise<number> {
  if (columns[0].values.length === 0) return 0;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  await sql`insert into ${sql.table(table)} (${names}) ${rowsAsTable(columns)}`.execute(trx);
  return columns[0].values.length;
}

/**
 * Makes `table` hold exactly the given rows, in the caller's transaction.
 *
 * With a key, only the difference is written, in one statement that the server diffs by key.
 * One full join of the new rows `n` with the stored rows `t` keeps only the differences `d`:
 * keys that are new, keys that are gone, and keys whose values differ (IS DISTINCT FROM: float8
 * equality, exact but for -0 = 0; jsonb by value); then `d` is applied as deletes, updates and
 * inserts, which read one snapshot and touch disjoint keys (keys are distinct and not null, so
 * a null key marks the missing side of the join). Equal rows are not touched: a routine
 * recompute writes almost nothing, and updated_at keeps meaning "when this value last changed"
 * (stamped here, so the table's updated_at trigger skips these rows). Columns not passed keep
 * their stored values on update and their defaults on insert.
 *
 * Without a key every stored row is deleted and the rows are inserted.
 *
 * Refuses (SyncTableError, nothing written) columns of different lengths, a key column not
 * among the columns, and a null or repeated key.
 */
export async function syncTable<T extends TableName>(
  trx: Transaction<Database>,
  table: T,
  spec: SyncSpec<T>,
): Promise<SyncCounts> {
  const columns = columnsOf(table, spec.columns);
  if (!spec.key) {
    const removed = await trx.deleteFrom(table).executeTakeFirst();
    return { inserted: await insertColumns(trx, table, columns), updated: 0, deleted: Number(removed.numDeletedRows) };
  }
  const key: string[] = [...spec.key];
  const keyCols = key.map((k) => {
    const c = columns.find((col) => col.name === k);
    if (!c) throw new SyncTableError("MISSING_KEY_COLUMN", table, `key column ${k} is not among the columns`);
    return c;
  });
  if (keyCols.length === 0) throw new SyncTableError("MISSING_KEY_COLUMN", table, "the key has no column");
  assertDistinctKeys(table, keyCols);
  // Nothing stored yet (the first computation): a plain insert, no diff to compute.
  const { rows: stored } = await sql`select from ${sql.table(table)} limit 1`.execute(trx);
  if (stored.length === 0) return { inserted: await insertColumns(trx, table, columns), updated: 0, deleted: 0 };

  const valueCols = columns.filter((c) => !key.includes(c.name));
  const ref = (alias: string) => (c: Column | string) => sql.ref(`${alias}.${typeof c === "string" ? c : c.name}`);
  const [t, n, d] = [ref("t"), ref("n"), ref("d")];
  const keyOn = (a: typeof t, b: typeof t) =>
    sql.join(
      key.map((k) => sql`${a(k)} = ${b(k)}`),
      sql` and `,
    );
  const firstKey = key[0];
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  const stamped = "updated_at" in columnTypes[table];
  const differs =
    valueCols.length === 0
      ? sql`false`
      : sql`(${sql.join(valueCols.map(t))}) is distinct from (${sql.join(valueCols.map(n))})`;
  // With no value column (the key is the row) nothing is ever updated.
  const changed =
    valueCols.length === 0
      ? sql`select 1 where false`
      : sql`update ${sql.table(table)} as t
          set ${sql.join([
            ...valueCols.map((c) => sql`${sql.ref(c.name)} = ${d(c)}`),
            ...(stamped ? [sql`updated_at = now()`] : []),
          ])}
          from d where not d.added and not d.removed and ${keyOn(t, d)} returning 1`;
  const { rows } = await sql<SyncCounts>`with n as (${rowsAsTable(columns)}),
    d as materialized (
      select ${t(firstKey)} is null as added, ${n(firstKey)} is null as removed,
        ${sql.join([...key.map((k) => sql`coalesce(${n(k)}, ${t(k)}) as ${sql.ref(k)}`), ...valueCols.map(n)])}
      from n full join ${sql.table(table)} as t on ${keyOn(n, t)}
      where ${t(firstKey)} is null or ${n(firstKey)} is null or ${differs}),
    gone as (delete from ${sql.table(table)} as t using d where d.removed and ${keyOn(t, d)} returning 1),
    changed as (${changed}),
    added as (insert into ${sql.table(table)} (${names}) select ${names} from d where d.added returning 1)
    select (select count(*) from added)::int as inserted, (select count(*) from changed)::int as updated,
      (select count(*) from gone)::int as deleted`.execute(trx);
  return rows[0];
}
