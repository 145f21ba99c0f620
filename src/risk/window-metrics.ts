/**
 * On-demand window metrics (DOMAIN §6): argument checks and the pure computation over the
 * stored index series with metricsFromLevels, the function behind the stored rows too.
 */
import { metricsFromLevels } from "../analytics/metrics/metrics.js";
import type { MetricWindow } from "../analytics/metrics/types.js";
import { resolveNamedWindow } from "../analytics/metrics/windows.js";
import { badInput } from "../errors.js";
import { dateRange } from "../graphql/date-range.js";
import { seriesWindow, sliceSeries, type IndexSeries, type SeriesWindow } from "./index-series.js";
import { metricConventions } from "./metric-conventions.type.js";
import type { WindowRiskMetrics } from "./window-metrics.type.js";

export interface WindowArgs {
  /** Null with from/to given; ALL when nothing is given. */
  window: MetricWindow | null;
  from: string | null;
  to: string | null;
}

/** Validates the arguments: a window excludes `from`; from ≤ to. Nothing given = ALL. */
export function windowArgs(
  window: MetricWindow | null | undefined,
  from: string | null | undefined,
  to: string | null | undefined,
): WindowArgs {
  if (window != null && from != null) {
    throw badInput("give either window or from, not both", [
      { field: "window", message: "cannot be combined with from" },
    ]);
  }
  const range = dateRange(from, to);
  return { window: window ?? (range.from === null && range.to === null ? "ALL" : null), ...range };
}

/** The window's index range, or null when no trading date is ≤ the requested end. */
export function resolveArgs(series: IndexSeries, args: WindowArgs): SeriesWindow | null {
  if (args.window !== null) return resolveNamedWindow(series.dates, args.window, args.to);
  return seriesWindow(series, args.from, args.to);
}

/**
 * The metric set of levels[start..end] with the benchmark closes on the same dates, plus the
 * window's dates and conventions. Null when there is no index or no trading date ≤ to.
 */
export function computeWindowMetrics(
  series: IndexSeries,
  args: WindowArgs,
  riskFreeRate: number,
  benchmarkSymbol: string | null,
): WindowRiskMetrics | null {
  const w = resolveArgs(series, args);
  if (w === null) return null;
  const cut = sliceSeries(series, w);
  const metrics = metricsFromLevels(cut.values, cut.benchmark, { periodsPerYear: 252, riskFreeRate });
  return {
    ...metrics,
    window: args.window,
    startDate: cut.dates[0],
    endDate: cut.dates[cut.dates.length - 1],
    conventions: metricConventions(252, riskFreeRate, benchmarkSymbol),
  };
}
