import type { EngineConfig, Frequency } from "../analytics/engine/types.js";
import type { StrategyConfig } from "../strategy/strategy-config.type.js";

/** The engine's view of the stored strategy configuration. */
export function toEngineConfig(c: StrategyConfig): EngineConfig {
  return {
    momentumWeight: c.momentumWeight,
    marketCapWeight: c.marketCapWeight,
    riskParityWeight: c.riskParityWeight,
    dailyDropThreshold: c.dailyDropThreshold,
    maxDailyReturn: c.maxDailyReturn,
    minDailyReturn: c.minDailyReturn,
    minPriceThreshold: c.minPriceThreshold,
    rebalanceFrequency: c.rebalanceFrequency as Frequency,
    forceRebalance: c.forceRebalance,
    maxForwardFillDays: c.maxForwardFillDays,
    outlierStdThreshold: c.outlierStdThreshold,
    momentumLookbackDays: c.momentumLookbackDays,
    volatilityLookbackDays: c.volatilityLookbackDays,
    maxAssetWeight: c.maxAssetWeight,
    transactionCostBps: c.transactionCostBps,
    riskFreeRate: c.riskFreeRate,
    benchmarkSymbol: c.benchmarkSymbol,
    forcedRebalanceDates: c.forcedRebalanceDates,
  };
}
