import type { Kysely, Selectable } from "kysely";
import type { Database, StrategyConfigsTable } from "../db/schema.js";
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
