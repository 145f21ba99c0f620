import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import { daysBetween, isIsoDate, todayUtc } from "../shared/dates.js";

/**
 * Cost estimators for list fields (graphql-query-complexity). Every field costs 1; a list
 * multiplies its children's cost by the number of items it may return, so a query's cost
 * approximates the rows it makes the server read and serialise.
 */

/** Trading days assumed for an open-ended date range: ten years (≈ 252 a year). */
export const OPEN_RANGE_ROWS = 2520;

/** Rows a daily series may return between `from` and `to` (≈ 252 trading days a year). */
export function estimatedDailyRows(from: unknown, to: unknown): number {
  const start = typeof from === "string" && isIsoDate(from) ? from : null;
  const end = typeof to === "string" && isIsoDate(to) ? to : todayUtc();
  if (!start) return OPEN_RANGE_ROWS;
  const days = daysBetween(start, end);
  if (days < 0) return 1;
  return Math.min(OPEN_RANGE_ROWS * 4, Math.ceil((days * 252) / 365) + 1);
}

/** A page of `first` items (default `def`). */
export const pagedCost =
  (def: number) =>
  ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
    1 + (typeof args.first === "number" ? args.first : def) * Math.max(1, childComplexity);

/** A daily series over `from`..`to`. */
export const dailySeriesCost = ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
  1 + estimatedDailyRows(args.from, args.to) * Math.max(1, childComplexity);

/** A sparse dated series (market-cap records): at most about one record a month. */
export const monthlySeriesCost = ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
  1 + Math.ceil(estimatedDailyRows(args.from, args.to) / 21) * Math.max(1, childComplexity);

/** A fixed-size list, e.g. one rebalance date's allocations (≤ the universe size). */
export const fixedListCost =
  (rows: number) =>
  ({ childComplexity }: ComplexityEstimatorArgs): number =>
    1 + rows * Math.max(1, childComplexity);

/** A dated series with up to `perDate` items a trading date (e.g. index events: fallbacks, sales, alerts). */
export const denseSeriesCost =
  (perDate: number) =>
  ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
    1 + perDate * estimatedDailyRows(args.from, args.to) * Math.max(1, childComplexity);
