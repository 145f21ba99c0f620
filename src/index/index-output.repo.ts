import { sql, type Kysely, type Transaction } from "kysely";
import type { RiskMetricRow } from "../analytics/metrics/types.js";
import type { EngineResult } from "../analytics/engine/types.js";
import { listFlags } from "../analytics/engine/accessors.js";
import type { Database } from "../db/schema.js";

type Column = { name: string; type: "int" | "date" | "float8" | "bool" | "text" | "jsonb" | "int2"; values: unknown[] };

const CHUNK = 50_000;

/** Bulk insert by columns: one `insert … select from unnest(…)` statement per 50k rows. */
async function insertColumns(db: Kysely<Database>, table: string, columns: Column[]): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  for (let start = 0; start < n; start += CHUNK) {
    const arrays = columns.map((c) => sql`${c.values.slice(start, start + CHUNK)}::${sql.raw(c.type)}[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))})
      select * from unnest(${sql.join(arrays)})`.execute(db);
  }
}

/** Tables a recompute owns and replaces whole (children first). */
const OUTPUT_TABLES = ["index_holdings", "index_holding_periods", "index_events", "index_rebalances", "data_quality_flags", "allocations", "risk_metrics", "index_values"] as const;

/**
 * Replaces every derived table with a new computation. Call inside the recompute's
 * transaction: readers see the old index or the new one, never a mix or leftovers.
 */
export async function replaceIndexOutputs(trx: Transaction<Database>, result: EngineResult, metrics: RiskMetricRow[]): Promise<void> {
  for (const t of OUTPUT_TABLES) await trx.deleteFrom(t).execute();
  const { levels, benchmarkCloses } = result;
  await insertColumns(trx, "index_values", [
    { name: "date", type: "date", values: levels.map((l) => l.date) },
    { name: "value", type: "float8", values: levels.map((l) => l.value) },
    { name: "benchmark_close", type: "float8", values: benchmarkCloses },
  ]);
  const allocations = result.rebalances.flatMap((r) => r.weights.map((w) => ({ date: r.date, ...w })));
  await insertColumns(trx, "allocations", [
    { name: "date", type: "date", values: allocations.map((a) => a.date) },
    { name: "asset_id", type: "int", values: allocations.map((a) => a.assetId) },
    { name: "weight", type: "float8", values: allocations.map((a) => a.weight) },
  ]);
  await insertColumns(trx, "index_rebalances", [
    { name: "date", type: "date", values: result.rebalances.map((r) => r.date) },
    { name: "forced", type: "bool", values: result.rebalances.map((r) => r.forced) },
    { name: "eligible_count", type: "int", values: result.rebalances.map((r) => r.eligibleCount) },
    { name: "turnover", type: "float8", values: result.rebalances.map((r) => r.turnover) },
    { name: "cost", type: "float8", values: result.rebalances.map((r) => r.cost) },
    { name: "fallbacks", type: "jsonb", values: result.rebalances.map((r) => JSON.stringify(r.fallbacks)) },
  ]);
  const events = [
    ...result.events.map((e) => ({ date: e.date, type: e.type as string, assetId: e.assetId ?? null, detail: e.detail ?? null, value: null as number | null })),
    ...result.alerts.map((a) => ({ date: a.date, type: "DROP_ALERT", assetId: null, detail: null, value: a.dailyReturn })),
  ];
  await insertColumns(trx, "index_events", [
    { name: "date", type: "date", values: events.map((e) => e.date) },
    { name: "type", type: "text", values: events.map((e) => e.type) },
    { name: "asset_id", type: "int", values: events.map((e) => e.assetId) },
    { name: "detail", type: "text", values: events.map((e) => e.detail) },
    { name: "value", type: "float8", values: events.map((e) => e.value) },
  ]);
  // A forced sale and a rebalance can share a date; the holdings at that close are the last ones.
  const periods = result.holdingPeriods.filter((p, i, all) => all[i + 1]?.date !== p.date);
  await insertColumns(trx, "index_holding_periods", [
    { name: "date", type: "date", values: periods.map((p) => p.date) },
    { name: "kind", type: "text", values: periods.map((p) => p.kind) },
    { name: "cash", type: "float8", values: periods.map((p) => p.cash) },
  ]);
  const holdings = periods.flatMap((p) => p.assetIds.map((id, j) => ({ date: p.date, assetId: id, units: p.units[j] })));
  await insertColumns(trx, "index_holdings", [
    { name: "period_date", type: "date", values: holdings.map((h) => h.date) },
    { name: "asset_id", type: "int", values: holdings.map((h) => h.assetId) },
    { name: "units", type: "float8", values: holdings.map((h) => h.units) },
  ]);
  const flags = listFlags(result);
  await insertColumns(trx, "data_quality_flags", [
    { name: "asset_id", type: "int", values: flags.map((f) => f.assetId) },
    { name: "date", type: "date", values: flags.map((f) => f.date) },
    { name: "flags", type: "int2", values: flags.map((f) => (f.belowMinPrice ? 1 : 0) | (f.stale ? 2 : 0) | (f.clipped ? 4 : 0) | (f.outlier ? 8 : 0)) },
    { name: "ret", type: "float8", values: flags.map((f) => f.ret) },
  ]);
  await insertColumns(trx, "risk_metrics", riskMetricColumns(metrics));
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

/** Serialises recomputes across processes for the rest of the transaction (Postgres advisory lock; PGlite already runs one transaction at a time). */
export async function lockRecompute(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('autoindex.recompute'))`.execute(trx);
}
