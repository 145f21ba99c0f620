import type { FallbackType } from "../analytics/engine/types.js";
import { storedEnum } from "../graphql/stored-enum.js";

/** The equal-weight fallbacks of a rebalance (stored in index_rebalances.fallbacks as they are). */
export const WEIGHTING_FALLBACKS = {
  MOMENTUM_EQUAL_WEIGHT: "No eligible asset had positive momentum: the momentum sleeve is equal weight.",
  MARKET_CAP_EQUAL_WEIGHT: "Fewer than half of the eligible assets had a market cap: that sleeve is equal weight.",
  RISK_PARITY_EQUAL_WEIGHT: "No eligible asset had a positive volatility: the risk-parity sleeve is equal weight.",
  CAP_INFEASIBLE: "maxAssetWeight × eligible count < 1, so the cap cannot hold: the blend is equal weight.",
} as const satisfies Record<FallbackType, string>;

export const WeightingFallback = storedEnum(
  "WeightingFallback",
  "An equal-weight fallback a rebalance used instead of a sleeve's or the blend's own weights " +
    "(docs/methodology.md).",
  WEIGHTING_FALLBACKS,
);
