import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import { listFlags } from "../analytics/engine/accessors.js";
import type { EngineResult } from "../analytics/engine/types.js";
import type { RiskMetricRow } from "../analytics/metrics/types.js";
import type { Database } from "../db/schema.js";

/** A column of rows to write; array types travel as their text literal ('{1,2}') and are cast per row. */
type Column = { name: string; type: "int" | "date" | "float8" | "bool" | "text" | "jsonb" | "int2" | "int[]" | "float8[]"; values: unknown[] };

const isArrayType = (c: Column) => c.type.endsWith("[]");

const CHUNK = 50_000;

/** Bulk insert by columns: one `insert … select from unnest(…)` statement per 50k rows. */
async function insertColumns(db: Kysely<Database>, table: string, columns: Column[], onConflict: RawBuilder<unknown> = sql``): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  for (let start = 0; start < n; start += CHUNK) {
    const arrays = columns.map((c) => sql`${c.values.slice(start, start + CHUNK)}::${sql.raw(isArrayType(c) ? "text" : c.type)}[]`);
    const names = columns.map((c, j) => sql.ref(`c${j}`));
    const select = columns.map((c, j) => (isArrayType(c) ? sql`${sql.ref(`c${j}`)}::${sql.raw(c.type)}` : sql.ref(`c${j}`)));
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))})
      select ${sql.join(select)} from unnest(${sql.join(arrays)}) as u(${sql.join(names)}) ${onConflict}`.execute(db);
  }
}

/**
 * Makes `table` hold exactly the given rows, writing only the difference: the stored rows are
 * read, compared in memory by key, and only rows that are gone, new or changed are deleted or
 * upserted; equal rows are left alone. Appending a day of prices never restates history
 * (DOMAIN §2), so a routine recompute writes almost nothing, and updated_at keeps meaning
 * "when this value last changed". Values compare exactly (floats round-trip exactly as text).
 */
async function syncTable(trx: Transaction<Database>, table: string, key: string[], columns: Column[]): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  const keyCols = columns.filter((c) => key.includes(c.name));
  const valueCols = columns.filter((c) => !key.includes(c.name));
  const keyOf = (get: (c: Column) => unknown) => keyCols.map((c) => String(get(c))).join(SEP);
  const { rows: stored } = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c.name)))} from ${sql.table(table)}`.execute(trx);
  const storedByKey = new Map<string, Record<string, unknown>>();
  for (const r of stored) storedByKey.set(keyOf((c) => r[c.name]), r);
  const changed: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = keyOf((c) => c.values[i]);
    const before = storedByKey.get(k);
    storedByKey.delete(k);
    if (!before || valueCols.some((c) => !sameValue(c, before[c.name], c.values[i]))) changed.push(i);
  }
  if (storedByKey.size) {
    const gone = [...storedByKey.keys()].map((k) => k.split(SEP));
    const arrays = keyCols.map((c, j) => sql`${gone.map((g) => g[j])}::${sql.raw(c.type)}[]`);
    const names = sql.join(keyCols.map((c) => sql.ref(c.name)));
    await sql`delete from ${sql.table(table)} where (${names}) in (select * from unnest(${sql.join(arrays)}))`.execute(trx);
  }
  if (changed.length === 0) return;
  const subset = columns.map((c) => ({ ...c, values: changed.map((i) => c.values[i]) }));
  const setList = sql.join(valueCols.map((c) => sql`${sql.ref(c.name)} = excluded.${sql.ref(c.name)}`));
  await insertColumns(trx, table, subset, sql`on conflict (${sql.join(key.map((k) => sql.ref(k)))}) do update set ${setList}`);
}

const SEP = "\u0001";

/** Whether a stored value (as the driver hands it back) equals a value about to be written. */
function sameValue(c: Column, stored: unknown, next: unknown): boolean {
  if (stored === null || stored === undefined || next === null || next === undefined) return (stored ?? null) === (next ?? null);
  if (c.type === "float8" || c.type === "int" || c.type === "int2") return Number(stored) === Number(next);
  if (c.type === "jsonb") return (typeof stored === "string" ? stored : JSON.stringify(stored)) === next;
  if (isArrayType(c) && Array.isArray(stored)) return `{${stored.join(",")}}` === next;
  return String(stored) === String(next);
}

/**
 * Brings every derived table to a new computation. Call inside the recompute's transaction:
 * readers see the old index or the new one, never a mix, and no row of an older computation
 * survives (each table is synced to exactly the new rows).
 */
export async function replaceIndexOutputs(trx: Transaction<Database>, result: EngineResult, metrics: RiskMetricRow[]): Promise<void> {
  const { levels, benchmarkCloses, rebalances } = result;
  await syncTable(trx, "index_values", ["date"], [
    { name: "date", type: "date", values: levels.map((l) => l.date) },
    { name: "value", type: "float8", values: levels.map((l) => l.value) },
    { name: "benchmark_close", type: "float8", values: benchmarkCloses },
  ]);
  const allocations = rebalances.flatMap((r) => r.weights.map((w) => ({ date: r.date, ...w })));
  await syncTable(trx, "allocations", ["date", "asset_id"], [
    { name: "date", type: "date", values: allocations.map((a) => a.date) },
    { name: "asset_id", type: "int", values: allocations.map((a) => a.assetId) },
    { name: "weight", type: "float8", values: allocations.map((a) => a.weight) },
  ]);
  await syncTable(trx, "index_rebalances", ["date"], [
    { name: "date", type: "date", values: rebalances.map((r) => r.date) },
    { name: "forced", type: "bool", values: rebalances.map((r) => r.forced) },
    { name: "eligible_count", type: "int", values: rebalances.map((r) => r.eligibleCount) },
    { name: "turnover", type: "float8", values: rebalances.map((r) => r.turnover) },
    { name: "cost", type: "float8", values: rebalances.map((r) => r.cost) },
    { name: "fallbacks", type: "jsonb", values: rebalances.map((r) => JSON.stringify(r.fallbacks)) },
  ]);
  await writeEvents(trx, result);
  await writeHoldings(trx, result);
  const flags = listFlags(result);
  await syncTable(trx, "data_quality_flags", ["asset_id", "date"], [
    { name: "asset_id", type: "int", values: flags.map((f) => f.assetId) },
    { name: "date", type: "date", values: flags.map((f) => f.date) },
    { name: "flags", type: "int2", values: flags.map((f) => f.flags) },
    { name: "ret", type: "float8", values: flags.map((f) => f.ret) },
  ]);
  await syncTable(trx, "risk_metrics", ["date"], riskMetricColumns(metrics));
}

/** Events have no natural key (several per date): replaced whole; there are few of them. */
async function writeEvents(trx: Transaction<Database>, result: EngineResult): Promise<void> {
  const events = [
    ...result.events.map((e) => ({ date: e.date, type: e.type as string, assetId: e.assetId ?? null, detail: e.detail ?? null, value: null as number | null })),
    ...result.alerts.map((a) => ({ date: a.date, type: "DROP_ALERT", assetId: null, detail: null, value: a.dailyReturn })),
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
  await syncTable(trx, "index_holding_periods", ["date"], [
    { name: "date", type: "date", values: periods.map((p) => p.date) },
    { name: "kind", type: "text", values: periods.map((p) => p.kind) },
    { name: "cash", type: "float8", values: periods.map((p) => p.cash) },
    { name: "asset_ids", type: "int[]", values: periods.map((p) => `{${p.assetIds.join(",")}}`) },
    { name: "units", type: "float8[]", values: periods.map((p) => `{${p.units.join(",")}}`) },
  ]);
}

function riskMetricColumns(rows: RiskMetricRow[]): Column[] {
  const f = (name: string, pick: (r: RiskMetricRow) => number | null): Column => ({ name, type: "float8", values: rows.map(pick) });
  return [
    { name: "date", type: "date", values: rows.map((r) => r.date) },
    f("total_return", (r) => r.totalReturn),
    f("annualized_return", (r) => r.annualizedReturn),
    f("daily_return", (r) => r.dailyReturn),
    f("volatility", (r) => r.volatility),
    f("sharpe_ratio", (r) => r.sharpeRatio),
    f("sortino_ratio", (r) => r.sortinoRatio),
    f("max_drawdown", (r) => r.maxDrawdown),
    f("current_drawdown", (r) => r.currentDrawdown),
    f("var_95", (r) => r.var95),
    f("var_99", (r) => r.var99),
    f("beta_sp500", (r) => r.betaSp500),
    f("correlation_sp500", (r) => r.correlationSp500),
    f("tracking_error", (r) => r.trackingError),
    f("information_ratio", (r) => r.informationRatio),
    f("ai_risk_score", (r) => r.aiRiskScore),
    f("ai_risk_adjusted_roi", (r) => r.aiRiskAdjustedRoi),
    { name: "ai_market_regime", type: "text", values: rows.map((r) => r.aiMarketRegime) },
  ];
}
