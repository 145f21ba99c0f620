// Public types of the pure index engine (DOMAIN.md §1–5, §7).
// Dates are 'YYYY-MM-DD' strings end to end; weights and returns are decimals (0.01 = 1%).

export type Frequency = "daily" | "weekly" | "monthly" | "quarterly";

/** Strategy config as the engine needs it; validated on input (DOMAIN §1), trusted here. */
export interface EngineConfig {
  momentumWeight: number;
  marketCapWeight: number;
  riskParityWeight: number;
  dailyDropThreshold: number;
  maxDailyReturn: number;
  minDailyReturn: number;
  minPriceThreshold: number;
  rebalanceFrequency: Frequency;
  forceRebalance: boolean;
  maxForwardFillDays: number;
  outlierStdThreshold: number;
  momentumLookbackDays: number;
  volatilityLookbackDays: number;
  maxAssetWeight: number | null;
  transactionCostBps: number;
  riskFreeRate: number;
  benchmarkSymbol: string | null;
  /** Dates recorded by earlier forced rebalances, kept so every recompute reproduces them. */
  forcedRebalanceDates: string[];
}

export interface EngineAsset {
  id: number;
  symbol: string;
  investable: boolean;
}

/** One adjusted close; precondition: close > 0 and unique per (assetId, date). */
export interface EnginePrice {
  assetId: number;
  date: string;
  close: number;
}

/** Point-in-time market-cap record; seq = insertion order (ties on date: highest seq wins). */
export interface EngineMarketCap {
  assetId: number;
  date: string;
  seq: number;
  marketCap: number | null;
  sharesOutstanding: number | null;
  /** Fraction in (0, 1]; null means 1. */
  freeFloat: number | null;
}

export interface EngineInput {
  assets: EngineAsset[];
  prices: EnginePrice[];
  marketCaps: EngineMarketCap[];
  config: EngineConfig;
}

/**
 * The closed, documented set of event types (docs/methodology.md, "Reported events").
 * - DATE_DROPPED: a date with price rows that is not a trading date (detail: reason and row count).
 * - INCEPTION: the first rebalance; the index is 100 at its close.
 * - MOMENTUM_EQUAL_WEIGHT / MARKET_CAP_EQUAL_WEIGHT / RISK_PARITY_EQUAL_WEIGHT: a sleeve fell
 *   back to equal weight over E(t).
 * - CAP_INFEASIBLE: cap × |E(t)| < 1, the blend was replaced by equal weight.
 * - REBALANCE_SKIPPED: a scheduled date (from inception on) with an empty eligible set.
 * - FORCED_REBALANCE / FORCED_REBALANCE_SKIPPED: a recorded forced date, done or skipped.
 * - FORCED_SALE: a held asset became unavailable (detail: REDISTRIBUTED or CASH).
 */
export type EngineEventType =
  | "DATE_DROPPED"
  | "INCEPTION"
  | "MOMENTUM_EQUAL_WEIGHT"
  | "MARKET_CAP_EQUAL_WEIGHT"
  | "RISK_PARITY_EQUAL_WEIGHT"
  | "CAP_INFEASIBLE"
  | "REBALANCE_SKIPPED"
  | "FORCED_REBALANCE"
  | "FORCED_REBALANCE_SKIPPED"
  | "FORCED_SALE";

export type FallbackType =
  | "MOMENTUM_EQUAL_WEIGHT"
  | "MARKET_CAP_EQUAL_WEIGHT"
  | "RISK_PARITY_EQUAL_WEIGHT"
  | "CAP_INFEASIBLE";

export interface EngineEvent {
  date: string;
  type: EngineEventType;
  assetId?: number;
  detail?: string;
}

export interface AssetWeight {
  assetId: number;
  weight: number;
}

export interface RebalanceRecord {
  date: string;
  forced: boolean;
  eligibleCount: number;
  /** Two-way turnover Σ|w − w_drift| (1 at inception). */
  turnover: number;
  /** Cost in index points: V(t) · bps/10000 · turnover. */
  cost: number;
  /** Target weights, w > 0 only, summing to 1; sorted by assetId. */
  weights: AssetWeight[];
  fallbacks: FallbackType[];
}

export type SkipReason = "EMPTY_ELIGIBLE_SET" | "NOT_A_TRADING_DATE";

export interface SkippedRebalance {
  date: string;
  forced: boolean;
  reason: SkipReason;
}

export interface DroppedDate {
  date: string;
  /** All price rows on that date (every asset), ignored by the engine. */
  rows: number;
  /** Rows of universe assets (investable, not the benchmark) that the half rule counted. */
  investableRows: number;
  reason: "HALF_RULE" | "NO_INVESTABLE_ROWS";
}

/**
 * Units held from `date` on (after the rebalance or forced sale of that date). Columnar
 * (`assetIds[j]` holds `units[j]`) to keep a daily-rebalanced history cheap.
 * Value at date s: Σ units[j]·P(s, assetIds[j]) + cash.
 */
export interface HoldingPeriod {
  date: string;
  dateIdx: number;
  kind: "REBALANCE" | "FORCED_SALE";
  assetIds: number[];
  units: number[];
  /** Cash in index points (earns 0). */
  cash: number;
}

/** Flag bits of the data-quality matrix. */
export const FLAG_BELOW_MIN_PRICE = 1;
export const FLAG_STALE = 2;
export const FLAG_CLIPPED = 4;
export const FLAG_OUTLIER = 8;

/**
 * Dense per (trading date, asset) data, indexed [dateIdx * nAssets + assetIdx], asset order =
 * input `assets` order. `price` is the cleaned close (actual or carried; NaN = unavailable), so
 * r(t,i) = price[t]/price[t−1] − 1 (NaN = undefined); `flags` holds the FLAG_* bits.
 */
export interface QualityMatrix {
  nAssets: number;
  assetIds: number[];
  price: Float64Array;
  flags: Uint8Array;
}

export interface EngineResult {
  calendar: string[];
  droppedDates: DroppedDate[];
  inceptionDate: string | null;
  /** V for every trading date from inception on (100 at inception), before that date's costs. */
  levels: { date: string; value: number }[];
  /** Benchmark's cleaned close (§2.1–2.3) aligned with `levels`; null when missing/no benchmark. */
  benchmarkCloses: (number | null)[];
  benchmarkAssetId: number | null;
  rebalances: RebalanceRecord[];
  skippedRebalances: SkippedRebalance[];
  events: EngineEvent[];
  alerts: { date: string; dailyReturn: number }[];
  lastRebalance: string | null;
  forcedRebalanceDates: string[];
  holdingPeriods: HoldingPeriod[];
  quality: QualityMatrix;
}
