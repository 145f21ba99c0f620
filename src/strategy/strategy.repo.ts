import { sql, type Kysely, type Selectable, type Updateable } from "kysely";
import type { AdjustmentEntry, Database, StrategyConfigsTable } from "../db/schema.js";
import type { StrategyConfig } from "./strategy-config.type.js";

export const toStrategyConfig = (r: Selectable<StrategyConfigsTable>): StrategyConfig => ({
  momentumWeight: r.momentum_weight,
  marketCapWeight: r.market_cap_weight,
  riskParityWeight: r.risk_parity_weight,
  dailyDropThreshold: r.daily_drop_threshold,
  maxDailyReturn: r.max_daily_return,
  minDailyReturn: r.min_daily_return,
  minPriceThreshold: r.min_price_threshold,
  rebalanceFrequency: r.rebalance_frequency,
  lastRebalance: r.last_rebalance,
  forceRebalance: r.force_rebalance,
  forcedRebalanceDates: r.forced_rebalance_dates,
  maxForwardFillDays: r.max_forward_fill_days,
  outlierStdThreshold: r.outlier_std_threshold,
  momentumLookbackDays: r.momentum_lookback_days,
  volatilityLookbackDays: r.volatility_lookback_days,
  maxAssetWeight: r.max_asset_weight,
  transactionCostBps: r.transaction_cost_bps,
  riskFreeRate: r.risk_free_rate,
  benchmarkSymbol: r.benchmark_symbol,
  aiAdjusted: r.ai_adjusted,
  aiAdjustmentReason: r.ai_adjustment_reason,
  aiConfidenceScore: r.ai_confidence_score,
  version: r.version,
  updatedAt: r.updated_at,
});

/** The configuration in force (the singleton row the first migration inserts). */
export async function getStrategyConfig(db: Kysely<Database>): Promise<StrategyConfig> {
  const row = await db.selectFrom("strategy_configs").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
  return toStrategyConfig(row);
}

/** The configuration row, locked until the transaction ends (strategy writers serialise on it). */
export async function getStrategyConfigForUpdate(db: Kysely<Database>): Promise<StrategyConfig> {
  const row = await db.selectFrom("strategy_configs").selectAll().where("id", "=", 1).forUpdate().executeTakeFirstOrThrow();
  return toStrategyConfig(row);
}

/**
 * Optimistic write: applies `set`, bumps the version and appends `entry` to the audit trail in
 * ONE statement, only if the stored version is still `expectedVersion`. Null when it is not.
 */
export async function writeStrategyConfig(
  db: Kysely<Database>,
  expectedVersion: number,
  set: Updateable<StrategyConfigsTable>,
  entry: AdjustmentEntry,
): Promise<StrategyConfig | null> {
  const row = await db
    .updateTable("strategy_configs")
    .set({
      ...set,
      version: sql`version + 1`,
      adjustment_history: sql`adjustment_history || ${JSON.stringify([entry])}::jsonb`,
    })
    .where("id", "=", 1)
    .where("version", "=", expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row ? toStrategyConfig(row) : null;
}

/** Audit entries newest first, before 1-based position `before` (exclusive), with their positions. */
export async function findHistoryPage(db: Kysely<Database>, before: number | null, limit: number): Promise<{ position: number; entry: AdjustmentEntry }[]> {
  const { rows } = await sql<{ position: number; entry: AdjustmentEntry }>`
    select t.ord::int as position, t.entry
    from strategy_configs s cross join lateral jsonb_array_elements(s.adjustment_history) with ordinality as t(entry, ord)
    where s.id = 1 ${before === null ? sql`` : sql`and t.ord < ${before}`}
    order by t.ord desc
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ position: Number(r.position), entry: r.entry }));
}

export async function countHistory(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("strategy_configs").select(sql<number>`jsonb_array_length(adjustment_history)`.as("n")).where("id", "=", 1).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Records what a recompute derived: the latest rebalance date, the forced rebalance dates to
 * reproduce, and a cleared force_rebalance flag. System state, so neither audited nor versioned.
 */
export async function recordRecomputeState(db: Kysely<Database>, state: { lastRebalance: string | null; forcedRebalanceDates: string[] }): Promise<void> {
  await db
    .updateTable("strategy_configs")
    .set({
      last_rebalance: state.lastRebalance,
      force_rebalance: false,
      forced_rebalance_dates: JSON.stringify(state.forcedRebalanceDates),
    })
    .where("id", "=", 1)
    .execute();
}
