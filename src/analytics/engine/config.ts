// Defaults of the strategy config (seed + DOMAIN §1), for callers and tests.
import type { EngineConfig } from "./types.js";

/** A fresh config holding every default; override fields with a spread. */
export function defaultEngineConfig(): EngineConfig {
  return {
    momentumWeight: 0.4,
    marketCapWeight: 0.3,
    riskParityWeight: 0.3,
    dailyDropThreshold: -0.01,
    maxDailyReturn: 0.5,
    minDailyReturn: -0.5,
    minPriceThreshold: 1,
    rebalanceFrequency: "weekly",
    forceRebalance: false,
    maxForwardFillDays: 2,
    outlierStdThreshold: 3,
    momentumLookbackDays: 20,
    volatilityLookbackDays: 60,
    maxAssetWeight: null,
    transactionCostBps: 0,
    riskFreeRate: 0,
    benchmarkSymbol: "SPY",
    forcedRebalanceDates: [],
  };
}
