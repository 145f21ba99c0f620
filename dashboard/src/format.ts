/**
 * Number formats matching the API's conventions (MetricConventions): metrics are decimals and
 * shown as percent (0.0123 → "1.23%"); losses, drawdowns and VaR are negative and shown with
 * their sign; ratios (Sharpe, Sortino, Calmar, IR, beta) are plain numbers; null is "n/a" (the
 * API's undefined value, never 0). Dates are the API's 'YYYY-MM-DD' strings, never shifted.
 */
const pct = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num4 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 4 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const NA = "n/a";
export const percent = (v: number | null | undefined): string => (v == null ? NA : pct.format(v));
export const ratio = (v: number | null | undefined): string => (v == null ? NA : num2.format(v));
/** Index levels (base 100) and prices. */
export const level = (v: number | null | undefined): string => (v == null ? NA : num2.format(v));
export const decimal = (v: number | null | undefined): string => (v == null ? NA : num4.format(v));
export const integer = (v: number | null | undefined): string => (v == null ? NA : int.format(v));

/** 'YYYY-MM-DD' → seconds since the epoch at UTC midnight (the charts' x values). */
export const dateToSeconds = (d: string): number =>
  Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 1000;
/** Seconds since the epoch → 'YYYY-MM-DD' (UTC). */
export const secondsToDate = (s: number): string => new Date(s * 1000).toISOString().slice(0, 10);

/** 'YYYY-MM-DD' moved back by whole months or years (day clamped to the month's end), as the API's windows. */
export function shiftDate(date: string, months: number): string {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7) - 1 - months;
  const day = +date.slice(8, 10);
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return first.toISOString().slice(0, 10);
}

/** Drawdown of each level: V_k / max(V_0..V_k) − 1 (≤ 0), as DOMAIN §6 defines max_drawdown. */
export function drawdowns(values: readonly number[]): number[] {
  let peak = Number.NEGATIVE_INFINITY;
  return values.map((v) => {
    peak = Math.max(peak, v);
    return v / peak - 1;
  });
}

/** The data-quality flags of a price row (the API's boolean fields), in display order, and their labels. */
export const FLAG_KINDS = ["stale", "clipped", "outlier", "belowMinPrice"] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
export const FLAG_LABEL: Record<FlagKind, string> = {
  stale: "stale",
  clipped: "clipped",
  outlier: "outlier",
  belowMinPrice: "below min price",
};

/** "stale, outlier": the labels of the flags a row carries. */
export const flagNames = (row: Record<FlagKind, boolean>): string =>
  FLAG_KINDS.filter((k) => row[k])
    .map((k) => FLAG_LABEL[k])
    .join(", ");
