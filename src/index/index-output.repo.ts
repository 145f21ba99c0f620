import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { listFlags } from "../analytics/engine/accessors.js";
import type { EngineResult } from "../analytics/engine/types.js";
import type { RiskMetricRow } from "../analytics/metrics/types.js";
import type { Database } from "../db/schema.js";
import { columnOf, METRICS, STORED_METRIC_NAMES } from "../risk/metric-definitions.js";

/** A column of rows to write; array types travel as their text literal ('{1,2}') and are cast per row. */
export type Column = {
  name: string;
  type: "int" | "date" | "float8" | "bool" | "text" | "jsonb" | "int2" | "int[]" | "float8[]";
  values: unknown[];
};

const isArrayType = (c: Column) => c.type.endsWith("[]");

/**
 * The rows as a derived table `n`: one parameter array per column, unnested together. Array
 * columns travel as text[] and are cast per row (unnest would flatten a 2-D array).
 */
function rowsAsTable(columns: Column[]): RawBuilder<unknown> {
  const arrays = columns.map((c) => sql`${arrayParameter(c)}::${sql.raw(isArrayType(c) ? "text" : c.type)}[]`);
  const select = columns.map(
    (c, j) => sql`${sql.ref(`u.c${j}`)}${sql.raw(isArrayType(c) ? `::${c.type}` : "")} as ${sql.ref(c.name)}`,
  );
  return sql`select ${sql.join(select)} from unnest(${sql.join(arrays)}) as u(${sql.join(columns.map((_, j) => sql.ref(`c${j}`)))})`;
}

/**
 * A column as one array parameter. Numbers, dates and booleans need no quoting, so their
 * literal is a plain join (several times faster than the driver's per-element escaping on
 * 100k-row columns); text-like values are left to the driver.
 */
function arrayParameter(c: Column): string | unknown[] {
  if (c.type === "text" || c.type === "jsonb" || isArrayType(c)) return c.values;
  return `{${c.values.map((v) => (v === null || v === undefined ? "NULL" : String(v))).join(",")}}`;
}

/** Bulk insert by columns: one `insert … select from unnest(…)` statement. */
async function insertColumns(db: Kysely<Database>, table: string, columns: Column[]): Promise<void> {
  if ((columns[0]?.values.length ?? 0) === 0) return;
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))}) ${rowsAsTable(columns)}`.execute(
    db,
  );
}

/**
 * Makes `table` hold exactly the given rows, writing only the difference, in one statement
 * that the server diffs by key. One full join of the new rows `n` with the stored rows `t`
 * keeps only the differences `d`: keys that are new, keys that are gone, and keys whose values
 * differ (IS DISTINCT FROM: float8 equality, exact but for -0 = 0; jsonb by value); then `d`
 * is applied as deletes, updates and inserts, which read one snapshot and touch disjoint keys
 * (keys are distinct and not null, so a null key marks the missing side of the join). Equal
 * rows are not touched: appending a day of prices never restates history (DOMAIN §2), so a
 * routine recompute writes almost nothing, and updated_at keeps meaning "when this value last
 * changed" (stamped here, so the table's updated_at trigger skips these rows).
 */
async function syncTable(trx: Transaction<Database>, table: string, key: string[], columns: Column[]): Promise<void> {
  assertDistinctKeys(
    table,
    key.map((k) => columns.find((c) => c.name === k)!),
  );
  // Nothing stored yet (the first computation): a plain insert, no diff to compute.
  const { rows: stored } = await sql`select from ${sql.table(table)} limit 1`.execute(trx);
  if (stored.length === 0) return insertColumns(trx, table, columns);
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
  await sql`with n as (${rowsAsTable(columns)}),
    d as materialized (
      select ${t(firstKey)} is null as added, ${n(firstKey)} is null as removed,
        ${sql.join(key.map((k) => sql`coalesce(${n(k)}, ${t(k)}) as ${sql.ref(k)}`))},
        ${sql.join(valueCols.map((c) => n(c)))}
      from n full join ${sql.table(table)} as t on ${keyOn(n, t)}
      where ${t(firstKey)} is null or ${n(firstKey)} is null
        or (${sql.join(valueCols.map(t))}) is distinct from (${sql.join(valueCols.map(n))})),
    gone as (delete from ${sql.table(table)} as t using d where d.removed and ${keyOn(t, d)}),
    changed as (
      update ${sql.table(table)} as t set ${sql.join(valueCols.map((c) => sql`${sql.ref(c.name)} = ${d(c)}`))}, updated_at = now()
      from d where not d.added and not d.removed and ${keyOn(t, d)})
    insert into ${sql.table(table)} (${names}) select ${names} from d where d.added`.execute(trx);
}

/**
 * Throws unless the key columns hold no null and no key twice: the diff pairs rows by key (a
 * repeated key would be applied in an arbitrary order). The engine emits rows in key order,
 * checked in one pass; any other order falls back to a set of the keys.
 */
export function assertDistinctKeys(table: string, keyCols: Column[]): void {
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
      if (c.values[i] === null || c.values[i] === undefined) throw new Error(`${table}: row ${i} has no ${c.name}`);
    if (ordered && i > 0 && !before(i - 1, i)) ordered = false;
  }
  if (ordered) return;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = keyAt(i);
    if (seen.has(k)) throw new Error(`${table}: key (${k}) appears twice`);
    seen.add(k);
  }
}

/**
 * Brings every derived table to a new computation. Call inside the recompute's transaction:
 * readers see the old index or the new one, never a mix, and no row of an older computation
 * survives (each table is synced to exactly the new rows).
 */
export async function replaceIndexOutputs(
  trx: Transaction<Database>,
  result: EngineResult,
  metrics: RiskMetricRow[],
): Promise<void> {
  // The diffs join 100k-row key sets: in-memory hashes instead of on-disk sorts, for these
  // statements only (the caller's transaction may go on; on failure it rolls back anyway).
  const { rows } = await sql<{ work_mem: string }>`select current_setting('work_mem') as work_mem`.execute(trx);
  await sql`select set_config('work_mem', '64MB', true)`.execute(trx);
  await writeOutputs(trx, result, metrics);
  await sql`select set_config('work_mem', ${rows[0].work_mem}, true)`.execute(trx);
}

async function writeOutputs(trx: Transaction<Database>, result: EngineResult, metrics: RiskMetricRow[]): Promise<void> {
  const { levels, benchmarkCloses, rebalances } = result;
  await syncTable(
    trx,
    "index_values",
    ["date"],
    [
      { name: "date", type: "date", values: levels.map((l) => l.date) },
      { name: "value", type: "float8", values: levels.map((l) => l.value) },
      { name: "benchmark_close", type: "float8", values: benchmarkCloses },
    ],
  );
  const allocation = { date: [] as string[], assetId: [] as number[], weight: [] as number[] };
  for (const r of rebalances)
    for (const w of r.weights) {
      allocation.date.push(r.date);
      allocation.assetId.push(w.assetId);
      allocation.weight.push(w.weight);
    }
  await syncTable(
    trx,
    "allocations",
    ["date", "asset_id"],
    [
      { name: "date", type: "date", values: allocation.date },
      { name: "asset_id", type: "int", values: allocation.assetId },
      { name: "weight", type: "float8", values: allocation.weight },
    ],
  );
  await syncTable(
    trx,
    "index_rebalances",
    ["date"],
    [
      { name: "date", type: "date", values: rebalances.map((r) => r.date) },
      { name: "forced", type: "bool", values: rebalances.map((r) => r.forced) },
      { name: "eligible_count", type: "int", values: rebalances.map((r) => r.eligibleCount) },
      { name: "turnover", type: "float8", values: rebalances.map((r) => r.turnover) },
      { name: "cost", type: "float8", values: rebalances.map((r) => r.cost) },
      { name: "fallbacks", type: "jsonb", values: rebalances.map((r) => JSON.stringify(r.fallbacks)) },
    ],
  );
  await writeEvents(trx, result);
  await writeHoldings(trx, result);
  const flags = listFlags(result);
  await syncTable(
    trx,
    "data_quality_flags",
    ["date", "asset_id"],
    [
      { name: "asset_id", type: "int", values: flags.map((f) => f.assetId) },
      { name: "date", type: "date", values: flags.map((f) => f.date) },
      { name: "flags", type: "int2", values: flags.map((f) => f.flags) },
      { name: "ret", type: "float8", values: flags.map((f) => f.ret) },
    ],
  );
  await syncTable(trx, "risk_metrics", ["date"], riskMetricColumns(metrics));
}

/** Events have no natural key (several per date): replaced whole; there are few of them. */
async function writeEvents(trx: Transaction<Database>, result: EngineResult): Promise<void> {
  const events = [
    ...result.events.map((e) => ({
      date: e.date,
      type: e.type as string,
      assetId: e.assetId ?? null,
      detail: e.detail ?? null,
      value: null as number | null,
    })),
    ...result.alerts.map((a) => ({
      date: a.date,
      type: "DROP_ALERT",
      assetId: null,
      detail: null,
      value: a.dailyReturn,
    })),
  ];
  await trx.deleteFrom("index_events").execute();
  await insertColumns(trx, "index_events", [
    { name: "date", type: "date", values: events.map((e) => e.date) },
    { name: "type", type: "text", values: events.map((e) => e.type) },
    { name: "asset_id", type: "int", values: events.map((e) => e.assetId) },
    { name: "detail", type: "text", values: events.map((e) => e.detail) },
    { name: "value", type: "float8", values: events.map((e) => e.value) },
  ]);
}

async function writeHoldings(trx: Transaction<Database>, result: EngineResult): Promise<void> {
  // A forced sale and a rebalance can share a date; the holdings at that close are the last ones.
  const periods = result.holdingPeriods.filter((p, i, all) => all[i + 1]?.date !== p.date);
  await syncTable(
    trx,
    "index_holding_periods",
    ["date"],
    [
      { name: "date", type: "date", values: periods.map((p) => p.date) },
      { name: "kind", type: "text", values: periods.map((p) => p.kind) },
      { name: "cash", type: "float8", values: periods.map((p) => p.cash) },
      { name: "asset_ids", type: "int[]", values: periods.map((p) => `{${p.assetIds.join(",")}}`) },
      { name: "units", type: "float8[]", values: periods.map((p) => `{${p.units.join(",")}}`) },
    ],
  );
}

/** The date and every stored metric, each under its column (src/risk/metric-definitions.ts). */
function riskMetricColumns(rows: RiskMetricRow[]): Column[] {
  return [
    { name: "date", type: "date", values: rows.map((r) => r.date) },
    ...STORED_METRIC_NAMES.map(
      (name): Column => ({
        name: columnOf(name),
        type: METRICS[name].kind === "enum" ? "text" : "float8",
        values: rows.map((r) => r[name]),
      }),
    ),
  ];
}
