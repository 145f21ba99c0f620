import type { Row } from "../db/schema.js";
import type { StrategyConfig } from "./strategy-config.type.js";

/**
 * The strategy parameters a caller may change, by API name, with their column. Nothing else
 * (version, history, ai_*, force_rebalance, last_rebalance) is writable through an input:
 * services copy exactly these keys (no mass assignment).
 */
export const STRATEGY_PARAM_COLUMNS = {
  momentumWeight: "momentum_weight",
  marketCapWeight: "market_cap_weight",
  riskParityWeight: "risk_parity_weight",
  dailyDropThreshold: "daily_drop_threshold",
  maxDailyReturn: "max_daily_return",
  minDailyReturn: "min_daily_return",
  minPriceThreshold: "min_price_threshold",
  rebalanceFrequency: "rebalance_frequency",
  maxForwardFillDays: "max_forward_fill_days",
  outlierStdThreshold: "outlier_std_threshold",
  momentumLookbackDays: "momentum_lookback_days",
  volatilityLookbackDays: "volatility_lookback_days",
  maxAssetWeight: "max_asset_weight",
  transactionCostBps: "transaction_cost_bps",
  riskFreeRate: "risk_free_rate",
  benchmarkSymbol: "benchmark_symbol",
} as const satisfies Record<string, keyof Row<"strategy_configs">>;

export type StrategyParamName = keyof typeof STRATEGY_PARAM_COLUMNS;
export type StrategyParams = Pick<StrategyConfig, StrategyParamName>;
export const STRATEGY_PARAM_NAMES = Object.keys(STRATEGY_PARAM_COLUMNS) as StrategyParamName[];

export function paramsOf(config: StrategyConfig): StrategyParams {
  return Object.fromEntries(STRATEGY_PARAM_NAMES.map((k) => [k, config[k]])) as StrategyParams;
}
