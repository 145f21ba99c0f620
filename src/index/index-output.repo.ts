import { sql, type Transaction } from "kysely";
import { listFlags } from "../analytics/engine/accessors.js";
import type { EngineResult } from "../analytics/engine/types.js";
import type { RiskMetricRow } from "../analytics/metrics/types.js";
import type { Database } from "../db/schema.js";
import { syncTable, type ColumnMap } from "../db/sync-table.js";
import { columnOf, STORED_METRIC_NAMES } from "../risk/metric-definitions.js";

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
  await syncTable(trx, "index_values", {
    key: ["date"],
    columns: {
      date: levels.map((l) => l.date),
      value: levels.map((l) => l.value),
      benchmark_close: benchmarkCloses,
    },
  });
  const allocation = { date: [] as string[], assetId: [] as number[], weight: [] as number[] };
  for (const r of rebalances)
    for (const w of r.weights) {
      allocation.date.push(r.date);
      allocation.assetId.push(w.assetId);
      allocation.weight.push(w.weight);
    }
  await syncTable(trx, "allocations", {
    key: ["date", "asset_id"],
    columns: { date: allocation.date, asset_id: allocation.assetId, weight: allocation.weight },
  });
  await syncTable(trx, "index_rebalances", {
    key: ["date"],
    columns: {
      date: rebalances.map((r) => r.date),
      forced: rebalances.map((r) => r.forced),
      eligible_count: rebalances.map((r) => r.eligibleCount),
      turnover: rebalances.map((r) => r.turnover),
      cost: rebalances.map((r) => r.cost),
      fallbacks: rebalances.map((r) => JSON.stringify(r.fallbacks)),
    },
  });
  await writeEvents(trx, result);
  await writeHoldings(trx, result);
  const flags = listFlags(result);
  await syncTable(trx, "data_quality_flags", {
    key: ["date", "asset_id"],
    columns: {
      asset_id: flags.map((f) => f.assetId),
      date: flags.map((f) => f.date),
      flags: flags.map((f) => f.flags),
      ret: flags.map((f) => f.ret),
    },
  });
  await syncTable(trx, "risk_metrics", { key: ["date"], columns: riskMetricColumns(metrics) });
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
  await syncTable(trx, "index_events", {
    columns: {
      date: events.map((e) => e.date),
      type: events.map((e) => e.type),
      asset_id: events.map((e) => e.assetId),
      detail: events.map((e) => e.detail),
      value: events.map((e) => e.value),
    },
  });
}

async function writeHoldings(trx: Transaction<Database>, result: EngineResult): Promise<void> {
  // A forced sale and a rebalance can share a date; the holdings at that close are the last ones.
  const periods = result.holdingPeriods.filter((p, i, all) => all[i + 1]?.date !== p.date);
  await syncTable(trx, "index_holding_periods", {
    key: ["date"],
    columns: {
      date: periods.map((p) => p.date),
      kind: periods.map((p) => p.kind),
      cash: periods.map((p) => p.cash),
      asset_ids: periods.map((p) => p.assetIds),
      units: periods.map((p) => p.units),
    },
  });
}

/**
 * The date and every stored metric, each under its column (src/risk/metric-definitions.ts). The
 * registry's compile-time checks tie each stored metric to a risk_metrics column of its type;
 * the map is assembled by a loop over it, so one cast states the result's shape.
 */
function riskMetricColumns(rows: RiskMetricRow[]): ColumnMap<"risk_metrics"> {
  const columns: Record<string, unknown[]> = { date: rows.map((r) => r.date) };
  for (const name of STORED_METRIC_NAMES) columns[columnOf(name)] = rows.map((r) => r[name]);
  return columns as unknown as ColumnMap<"risk_metrics">;
}
