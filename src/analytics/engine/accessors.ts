// Read-side accessors over an EngineResult: drifted weights on any date and data-quality flags.
import { returnAt } from "./cleaning.js";
import { dateKey } from "./dates.js";
import { FLAG_BELOW_MIN_PRICE, FLAG_CLIPPED, FLAG_OUTLIER, FLAG_STALE } from "./types.js";
import type { AssetWeight, EngineResult } from "./types.js";

export interface DriftedHoldings {
  /** The trading date used: the latest one ≤ the requested date. */
  date: string;
  /** Holdings value Σu·P + cash in index points (after that date's rebalancing costs). */
  value: number;
  /** w(i) = u(i)·P(d,i)/value, w > 0 only, sorted by assetId. */
  weights: AssetWeight[];
  /** Cash weight cash/value (non-zero only after a forced sale left nothing held). */
  cashWeight: number;
}

/** Index of the latest calendar date ≤ date, or −1. Binary search over sorted dates. */
export function tradingDateIndexOnOrBefore(calendar: string[], date: string): number {
  const key = dateKey(date);
  let lo = 0;
  let hi = calendar.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dateKey(calendar[mid]) <= key) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Drifted weights at the close of `date` (the latest trading date ≤ it): the holdings of the
 * latest rebalance or forced sale on or before it, valued at that date's actual or carried
 * prices. On a rebalance date these are the new target weights. Null before inception.
 */
export function holdingsOn(result: EngineResult, date: string): DriftedHoldings | null {
  const d = tradingDateIndexOnOrBefore(result.calendar, date);
  const periods = result.holdingPeriods;
  let p = -1;
  for (let j = periods.length - 1; j >= 0; j--) {
    if (periods[j].dateIdx <= d) {
      p = j;
      break;
    }
  }
  if (d < 0 || p < 0) return null;
  const { nAssets: n, assetIds, price } = result.quality;
  const col = new Map(assetIds.map((id, a) => [id, a]));
  const period = periods[p];
  const values = period.assetIds.map((id, j) => ({ assetId: id, v: period.units[j] * price[d * n + col.get(id)!] }));
  const value = values.reduce((s, x) => s + x.v, period.cash);
  const weights = values
    .map((x) => ({ assetId: x.assetId, weight: x.v / value }))
    .filter((x) => x.weight > 0)
    .sort((x, y) => x.assetId - y.assetId);
  return { date: result.calendar[d], value, weights, cashWeight: period.cash / value };
}

export interface FlagRow {
  assetId: number;
  date: string;
  belowMinPrice: boolean;
  stale: boolean;
  clipped: boolean;
  outlier: boolean;
  /** The same four flags as FLAG_* bits. */
  flags: number;
  /** Unclipped return r(t,i), null when undefined. */
  ret: number | null;
}

/**
 * Rows with at least one flag, for every asset (benchmark and non-investables included), on
 * trading dates within [from, to] (inclusive; either may be omitted), ordered by date then asset.
 */
export function listFlags(
  result: EngineResult,
  opts: { from?: string; to?: string; assetIds?: number[] } = {},
): FlagRow[] {
  const { nAssets: n, assetIds, flags, price } = result.quality;
  const cal = result.calendar;
  const fromKey = opts.from === undefined ? -Infinity : dateKey(opts.from);
  const toKey = opts.to === undefined ? Infinity : dateKey(opts.to);
  const only = opts.assetIds === undefined ? null : new Set(opts.assetIds);
  const rows: FlagRow[] = [];
  for (let d = 0; d < cal.length; d++) {
    const key = dateKey(cal[d]);
    if (key < fromKey || key > toKey) continue;
    for (let a = 0; a < n; a++) {
      const f = flags[d * n + a];
      if (f === 0 || (only !== null && !only.has(assetIds[a]))) continue;
      const r = returnAt(price, n, d * n + a);
      rows.push({
        assetId: assetIds[a],
        date: cal[d],
        belowMinPrice: (f & FLAG_BELOW_MIN_PRICE) !== 0,
        stale: (f & FLAG_STALE) !== 0,
        clipped: (f & FLAG_CLIPPED) !== 0,
        outlier: (f & FLAG_OUTLIER) !== 0,
        flags: f,
        ret: !Number.isNaN(r) ? r : null,
      });
    }
  }
  return rows;
}
