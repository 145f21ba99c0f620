import { daysBetween, isIsoDate, todayUtc } from "../shared/dates.js";
import type { CostEstimator, CostEstimatorArgs } from "./cost.js";
import { listItems } from "./cost.js";
import {
  ANALYZE_ITEM_COST,
  COUNTED_TABLE_ROWS,
  ENGINE_RUN_COST,
  ROW_READ_COST,
  SCAN_ROW_COST,
  STATEMENT_COST,
  UNIVERSE_ASSETS,
} from "./cost-units.js";

/**
 * Cost estimators, attached to fields as their `complexity` (see src/graphql/cost.ts for the
 * walk and src/graphql/cost-units.ts for the units). A list multiplies its children's cost by
 * the number of items it may return; work that does not show in the response (a scan behind
 * a count, an analysis of a caller's series) is charged by its own size, never by `first`.
 */

/** Trading days assumed for an open-ended date range: ten years (≈ 252 a year). */
export const OPEN_RANGE_ROWS = 2520;

/** Trading days (≈ 252 a year) from `start` to `end` inclusive, uncapped; 1 for an inverted range. */
function tradingDays(start: string, end: string): number {
  const days = daysBetween(start, end);
  return days < 0 ? 1 : Math.ceil((days * 252) / 365) + 1;
}

const isoOrNull = (value: unknown): string | null => (typeof value === "string" && isIsoDate(value) ? value : null);

/**
 * Rows a daily series may return between `from` and `to` (≈ 252 trading days a year) when
 * nothing is known of the stored data: an open range is taken as ten years, a closed one at
 * most forty.
 */
export function estimatedDailyRows(from: unknown, to: unknown): number {
  const start = isoOrNull(from);
  if (!start) return OPEN_RANGE_ROWS;
  return Math.min(OPEN_RANGE_ROWS * 4, tradingDays(start, isoOrNull(to) ?? todayUtc()));
}

const child = (a: CostEstimatorArgs) => Math.max(1, a.childComplexity);
/** The smaller of a guess and the stored count (the guess alone while table sizes are unknown). */
const atMost = (guess: number, stored: number | undefined) => (stored === undefined ? guess : Math.min(guess, stored));
/**
 * Trading dates of the stored index in `from`..`to`: with the stored count known, an open range
 * is all of it (however long the history) and a closed one at most that; else the estimate.
 */
const indexDays = (args: Record<string, unknown> | undefined, a: CostEstimatorArgs) => {
  const stored = a.stats?.indexDays;
  if (stored === undefined) return estimatedDailyRows(args?.from, args?.to);
  const from = isoOrNull(args?.from);
  return from ? Math.min(stored, tradingDays(from, isoOrNull(args?.to) ?? todayUtc())) : stored;
};
/**
 * Closes one asset may have in `from`..`to`: the trading days of that range within the span of
 * the stored prices (an open range covers all of it, however long); the estimate while the span
 * is unknown.
 */
const priceDays = (args: Record<string, unknown> | undefined, a: CostEstimatorArgs) => {
  const stats = a.stats;
  if (!stats) return estimatedDailyRows(args?.from, args?.to);
  if (!stats.priceFrom || !stats.priceTo) return 1;
  const from = isoOrNull(args?.from);
  const to = isoOrNull(args?.to);
  const start = from && from > stats.priceFrom ? from : stats.priceFrom;
  const end = to && to < stats.priceTo ? to : stats.priceTo;
  return tradingDays(start, end);
};
const pageOf = (first: unknown, def: number) => (typeof first === "number" && first >= 0 ? first : def);

/** A connection root: its own cost plus its children's; the page size weighs `edges` (pageOfParent), not the count. */
export const connectionCost: CostEstimator = (a) => 1 + a.childComplexity;

/**
 * A list whose length is the enclosing field's `first` (default `def`): a connection's edges, a
 * report's rows. `boundedBy` names a list argument of that field that selects items one by one
 * (assets(symbols: [...])): the page is then no longer than that list.
 */
export const pageOfParent =
  (def: number, boundedBy?: string): CostEstimator =>
  (a) => {
    const named = boundedBy ? a.parentArgs?.[boundedBy] : undefined;
    const page = pageOf(a.parentArgs?.first, def);
    return 1 + (Array.isArray(named) ? Math.min(page, named.length) : page) * child(a);
  };

/** A count over a whole table (totalCount): a fixed scan whatever the page size. */
export const countScanCost: CostEstimator = () => STATEMENT_COST + COUNTED_TABLE_ROWS * SCAN_ROW_COST;

/**
 * A column of a packed series (PriceSeries.dates and .closes, IndexValueSeries.dates and .values):
 * exactly as long as its series, whose field (dailySeriesCost, indexSeriesCost) already multiplies
 * its children by the rows, so the column is one unit of a row, not a list of DEFAULT_LIST_ITEMS more.
 */
export const SERIES_COLUMN_COST = 1;

/** A daily series over `from`..`to` (an asset's prices). */
export const dailySeriesCost: CostEstimator = (a) => 1 + priceDays(a.args, a) * child(a);

/** A series of the stored index over `from`..`to`: no longer than the index. */
export const indexSeriesCost: CostEstimator = (a) => 1 + indexDays(a.args, a) * child(a);

/**
 * A series of the stored index over the enclosing field's `from`..`to` (a comparison's points, a simulation's path).
 */
export const parentDailySeriesCost: CostEstimator = (a) => 1 + indexDays(a.parentArgs, a) * child(a);

/** One object computed from the stored rows of `from`..`to` (metrics over a window): the read, then its fields. */
export const windowComputationCost: CostEstimator = (a) => 1 + indexDays(a.args, a) * ROW_READ_COST + a.childComplexity;

/** Rebalances over `from`..`to`: at most one a trading date, at most the stored ones. */
export const rebalanceSeriesCost: CostEstimator = (a) =>
  1 + atMost(indexDays(a.args, a), a.stats?.rebalances) * child(a);

/** The target weights of one rebalance date: at most the universe, at most the largest stored date. */
export const allocationListCost: CostEstimator = (a) => 1 + atMost(UNIVERSE_ASSETS, a.stats?.maxAllocations) * child(a);

/** A run of the engine (previewStrategy), then the fields of its result. */
export const engineRunCost: CostEstimator = (a) => 1 + ENGINE_RUN_COST + a.childComplexity;

/** A list of one engine result with up to `perDate` items a trading date of the stored index. */
export const perIndexDayCost =
  (perDate: number): CostEstimator =>
  (a) =>
    1 + perDate * (a.stats?.indexDays ?? OPEN_RANGE_ROWS) * child(a);

/** One item per asset at most (the positions held on a date, a preview date's weights): at most the universe. */
export const universeListCost: CostEstimator = (a) => 1 + atMost(UNIVERSE_ASSETS, a.stats?.assets) * child(a);

/** A sparse dated series (market-cap records): at most about one record a month. */
export const monthlySeriesCost: CostEstimator = (a) =>
  1 + Math.ceil(estimatedDailyRows(a.args.from, a.args.to) / 21) * child(a);

/** A dated series with up to `perDate` items a trading date (e.g. index events: fallbacks, sales, alerts). */
export const denseSeriesCost =
  (perDate: number): CostEstimator =>
  (a) =>
    1 + atMost(perDate * indexDays(a.args, a), a.stats?.events) * child(a);

/**
 * Flag rows a data-quality query scans: the date range times the named symbols (or the universe), at most the stored
 * flags.
 */
export function dataQualityScanRows(args: Record<string, unknown> | undefined, a: CostEstimatorArgs): number {
  const symbols = Array.isArray(args?.symbols) ? args.symbols.length : UNIVERSE_ASSETS;
  return atMost(priceDays(args, a) * symbols, a.stats?.flags);
}

/** The data-quality report: its page of rows is sorted out of every match, so the scan is paid even for first: 0. */
export const dataQualityCost: CostEstimator = (a) =>
  1 + STATEMENT_COST + dataQualityScanRows(a.args, a) * SCAN_ROW_COST + a.childComplexity;

/** The data-quality summary: a second scan of every match. */
export const dataQualitySummaryCost: CostEstimator = (a) =>
  1 + STATEMENT_COST + dataQualityScanRows(a.parentArgs, a) * SCAN_ROW_COST + a.childComplexity;

/** analyzeReturns: the analysis of every entry (the list-argument weight of cost.ts adds the coercion). */
export const analyzeReturnsCost: CostEstimator = (a) =>
  1 + (listItems(a.args.returns) + listItems(a.args.benchmarkReturns)) * ANALYZE_ITEM_COST + a.childComplexity;
