import { resolveWindow } from "../analytics/metrics/windows.js";

/** The stored index as columns, ascending by trading date from inception (index_values). */
export interface IndexSeries {
  dates: string[];
  /** Index level V at each date's close (100 at inception). */
  values: number[];
  /** The benchmark's cleaned close on each date; null when missing or when there is no benchmark. */
  benchmark: (number | null)[];
}

/** One window [start, end] of the series: V_0 = values[start]. */
export interface SeriesWindow {
  start: number;
  end: number;
}

/**
 * The §6 window of an explicit from/to (either may be null): end = latest trading date ≤ to
 * (default the latest), start = latest trading date ≤ from (a start before inception, or none,
 * is inception). Null when no trading date is ≤ to (no index, or `to` before inception).
 */
export function seriesWindow(series: IndexSeries, from: string | null, to: string | null): SeriesWindow | null {
  return resolveWindow(series.dates, from, to);
}

/** Columns [start..end] of a window (copies). */
export function sliceSeries(series: IndexSeries, w: SeriesWindow): IndexSeries {
  return {
    dates: series.dates.slice(w.start, w.end + 1),
    values: series.values.slice(w.start, w.end + 1),
    benchmark: series.benchmark.slice(w.start, w.end + 1),
  };
}
