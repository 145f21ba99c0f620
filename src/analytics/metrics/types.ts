/**
 * Shared types of the risk and performance metrics (DOMAIN.md §6, docs/metrics.md).
 * Every ratio is a decimal (0.12 = 12 %), never percent; an undefined value is `null`,
 * never NaN, Infinity or a stand-in 0.
 */

/** `riskFreeRate` is ANNUAL; the per-period rate is riskFreeRate / periodsPerYear. */
export interface MetricOptions {
  /** A in §6: 252 for daily index levels. Never 365 or a count of trading days. */
  periodsPerYear: number;
  riskFreeRate: number;
}

/** The §6 defaults: A = 252, rf = 0. */
export const DEFAULT_METRIC_OPTIONS: Readonly<MetricOptions> = Object.freeze({
  periodsPerYear: 252,
  riskFreeRate: 0,
});

export interface MetricSet {
  totalReturn: number | null;
  annualizedReturn: number | null;
  dailyReturn: number | null;
  volatility: number | null;
  sharpeRatio: number | null;
  sortinoRatio: number | null;
  maxDrawdown: number | null;
  currentDrawdown: number | null;
  var95: number | null;
  var99: number | null;
  betaSp500: number | null;
  correlationSp500: number | null;
  trackingError: number | null;
  informationRatio: number | null;
  /** D of the Sortino ratio: √(mean over all n of min(r − rf, 0)²)·√A; from 1 return, may be 0. */
  downsideDeviation: number | null;
  /** annualizedReturn / |maxDrawdown|; defined when maxDrawdown < 0. */
  calmarRatio: number | null;
  /** n: the number of (non-missing) returns. */
  observations: number;
  /** Returns paired with a defined benchmark return (the sample of beta, correlation, TE, IR). */
  pairedObservations: number;
}

export type MarketRegime = "HIGH_VOLATILITY" | "BULL" | "BEAR" | "SIDEWAYS";

/** One stored `risk_metrics` row: expanding window inception..date, plus the ai_* heuristics. */
export type RiskMetricRow = { date: string } & MetricSet & {
    aiRiskScore: number | null;
    aiRiskAdjustedRoi: number | null;
    aiMarketRegime: MarketRegime | null;
  };

export type MetricWindow = "ONE_MONTH" | "THREE_MONTHS" | "YTD" | "ONE_YEAR" | "THREE_YEARS" | "ALL";
