/**
 * Index against benchmark over a window (pure). Choices (docs/analysis.md):
 * - The common start is the first trading date of the window where the benchmark has a close
 *   (the index always has one); both series are rebased to 100 there.
 * - The benchmark's level series is its last known close on each trading date (DOMAIN §6),
 *   rebased there; its metrics are metricsFromLevels over that series, so its total return is
 *   last/first − 1 of the series it reports and a gap's move counts on the date the benchmark
 *   trades again (a missing close is a 0 return, as a stale price is in the index).
 * - Active metrics come from the index's metric set against the paired benchmark returns
 *   (TE, IR, beta, correlation); excessReturn = index totalReturn − benchmark totalReturn.
 */
import { metricsFromLevels } from "../analytics/metrics/metrics.js";
import type { MetricSet } from "../analytics/metrics/types.js";
import {
  type ActiveMetrics,
  type BenchmarkComparison,
  BenchmarkUnavailableReason,
  type ComparisonPoint,
} from "./benchmark-comparison.type.js";
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

/**
 * The last known close on each date; the first must be present.
 * Example: carryForward([100, 110, null, 121]) → [100, 110, 110, 121].
 */
export function carryForward(closes: readonly (number | null)[]): number[] {
  if (!present(closes[0] ?? null)) throw new RangeError("carryForward: the first close must be present");
  const out: number[] = [];
  for (const c of closes) out.push(present(c) ? c : out[out.length - 1]);
  return out;
}

/**
 * The benchmark's metric set over closes that may have gaps: metricsFromLevels over its last
 * known close on each date (see the module comment). Example: closes 100, 110, –, 121, 133.1
 * give totalReturn 0.331, the series' 133.1/100 − 1.
 */
export function benchmarkMetrics(closes: readonly (number | null)[], riskFreeRate: number): MetricSet {
  return metricsFromLevels(carryForward(closes), null, { periodsPerYear: 252, riskFreeRate });
}

export function activeMetrics(index: MetricSet, benchmark: MetricSet): ActiveMetrics {
  const excess =
    index.totalReturn !== null && benchmark.totalReturn !== null ? index.totalReturn - benchmark.totalReturn : null;
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
      benchmarkSymbol,
      available: false,
      startDate: cut.dates[0],
      endDate,
      conventions,
      reason:
        benchmarkSymbol === null
          ? BenchmarkUnavailableReason.NO_BENCHMARK
          : BenchmarkUnavailableReason.NO_CLOSES_IN_WINDOW,
      benchmarkMissingDates: cut.dates.length,
      series: cut.dates.map((date, k) => ({ date, index: index[k], benchmark: null })),
      index: metricsFromLevels(cut.values, null, opts),
      benchmark: null,
      active: null,
    };
  }
  const values = cut.values.slice(s);
  const closes = cut.benchmark.slice(s).map((b) => (present(b) ? b : null));
  const index = rebase(values, values[0]) as number[];
  // What a client charts, and what the benchmark's metrics are computed over.
  const carried = carryForward(closes);
  const bench = rebase(carried, carried[0]);
  const points: ComparisonPoint[] = cut.dates
    .slice(s)
    .map((date, k) => ({ date, index: index[k], benchmark: bench[k] }));
  const indexMetrics = metricsFromLevels(values, closes, opts);
  const benchMetrics = benchmarkMetrics(closes, riskFreeRate);
  return {
    benchmarkSymbol,
    available: true,
    reason: null,
    startDate: cut.dates[s],
    endDate,
    conventions,
    benchmarkMissingDates: closes.filter((c) => c === null).length,
    series: points,
    index: indexMetrics,
    benchmark: benchMetrics,
    active: activeMetrics(indexMetrics, benchMetrics),
  };
}
