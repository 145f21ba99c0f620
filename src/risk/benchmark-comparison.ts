/**
 * Index against benchmark over a window (pure). Choices (docs/analysis.md):
 * - The common start is the first trading date of the window where the benchmark has a close
 *   (the index always has one); both series are rebased to 100 there.
 * - The benchmark's metrics use metricsFromLevels over its closes when it has none missing,
 *   else metricsFromReturns over its daily returns b_k = B_k/B_{k−1} − 1 (null next to a
 *   missing close): no level is invented across a gap, and every return stays one period long.
 * - Active metrics come from the index's metric set against the paired benchmark returns
 *   (TE, IR, beta, correlation); excessReturn = index totalReturn − benchmark totalReturn.
 */
import { benchmarkReturn, metricsFromLevels, metricsFromReturns } from "../analytics/metrics/metrics.js";
import type { MetricSet } from "../analytics/metrics/types.js";
import type { ActiveMetrics, BenchmarkComparison, ComparisonPoint } from "./benchmark-comparison.type.js";
import { seriesWindow, sliceSeries, type IndexSeries } from "./index-series.js";
import { metricConventions } from "./metric-conventions.type.js";

const present = (v: number | null): v is number => v !== null && Number.isFinite(v) && v > 0;

/**
 * 100 · (v / base) for each value (divided first, so the base itself maps to exactly 100);
 * null stays null. Example: rebase([50, 55, null], 50) → [100, 110, null].
 */
export function rebase(values: readonly (number | null)[], base: number): (number | null)[] {
  return values.map((v) => (v === null ? null : 100 * (v / base)));
}

/** The benchmark's metric set over closes that may have gaps (see the module comment). */
export function benchmarkMetrics(closes: readonly (number | null)[], riskFreeRate: number): MetricSet {
  const opts = { periodsPerYear: 252, riskFreeRate };
  if (closes.every(present)) return metricsFromLevels(closes as number[], null, opts);
  const returns = closes.slice(1).map((_, j) => benchmarkReturn(closes, j + 1));
  return metricsFromReturns(returns, null, opts);
}

export function activeMetrics(index: MetricSet, benchmark: MetricSet): ActiveMetrics {
  const excess = index.totalReturn !== null && benchmark.totalReturn !== null ? index.totalReturn - benchmark.totalReturn : null;
  return {
    excessReturn: excess,
    trackingError: index.trackingError,
    informationRatio: index.informationRatio,
    beta: index.betaSp500,
    correlation: index.correlationSp500,
    pairedObservations: index.pairedObservations,
  };
}

/** Null when there is no index or no trading date ≤ to; from ≤ to is checked by the caller. */
export function compareWithBenchmark(
  series: IndexSeries,
  from: string | null,
  to: string | null,
  riskFreeRate: number,
  benchmarkSymbol: string | null,
): BenchmarkComparison | null {
  const w = seriesWindow(series, from, to);
  if (w === null) return null;
  const cut = sliceSeries(series, w);
  const s = cut.benchmark.findIndex(present);
  const opts = { periodsPerYear: 252, riskFreeRate };
  const conventions = metricConventions(252, riskFreeRate, benchmarkSymbol);
  const endDate = cut.dates[cut.dates.length - 1];
  if (s < 0) {
    const index = rebase(cut.values, cut.values[0]) as number[];
    return {
      benchmarkSymbol, available: false, startDate: cut.dates[0], endDate, conventions,
      reason: benchmarkSymbol === null ? "no benchmark is configured" : `the benchmark ${benchmarkSymbol} has no close in the window`,
      benchmarkMissingDates: cut.dates.length,
      series: cut.dates.map((date, k) => ({ date, index: index[k], benchmark: null })),
      index: metricsFromLevels(cut.values, null, opts), benchmark: null, active: null,
    };
  }
  const values = cut.values.slice(s);
  const closes = cut.benchmark.slice(s).map((b) => (present(b) ? b : null));
  const index = rebase(values, values[0]) as number[];
  const bench = rebase(closes, closes[0]!);
  const points: ComparisonPoint[] = cut.dates.slice(s).map((date, k) => ({ date, index: index[k], benchmark: bench[k] }));
  const indexMetrics = metricsFromLevels(values, closes, opts);
  const benchMetrics = benchmarkMetrics(closes, riskFreeRate);
  return {
    benchmarkSymbol, available: true, reason: null, startDate: cut.dates[s], endDate, conventions,
    benchmarkMissingDates: closes.filter((c) => c === null).length,
    series: points, index: indexMetrics, benchmark: benchMetrics, active: activeMetrics(indexMetrics, benchMetrics),
  };
}
