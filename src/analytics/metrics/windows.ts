/**
 * On-demand metric windows (DOMAIN.md §6) as pure 'YYYY-MM-DD' string arithmetic: no JS Date,
 * so no time zone can shift a day. Date strings compare lexicographically = chronologically.
 */
import type { MetricWindow } from "./types.js";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Gregorian leap year. Example: 2000 yes, 1900 no, 2024 yes. */
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** The date part of an ISO date(-time) string, validated; throws RangeError otherwise. */
export function datePart(s: string): string {
  const m = DATE_RE.exec(s);
  if (m === null) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`no such date: ${s}`);
  return s.slice(0, 10);
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/**
 * `date` minus k calendar months, the day clamped to the target month's last day.
 * Examples: 2024-03-31 − 1 → 2024-02-29; 2023-03-31 − 1 → 2023-02-28; 2024-02-29 − 12 → 2023-02-28.
 */
export function minusMonths(date: string, k: number): string {
  const [y, mo, d] = datePart(date).split("-").map(Number);
  const total = y * 12 + (mo - 1) - k;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  if (ny < 0 || ny > 9999) throw new RangeError(`date out of range: ${date} − ${k} months`);
  return `${pad(ny, 4)}-${pad(nm, 2)}-${pad(Math.min(d, daysInMonth(ny, nm)), 2)}`;
}

const MONTHS: Partial<Record<MetricWindow, number>> = {
  ONE_MONTH: 1,
  THREE_MONTHS: 3,
  ONE_YEAR: 12,
  THREE_YEARS: 36,
};

/**
 * The requested start date of a named window ending at the REQUESTED `end` (not the trading
 * date it resolves to). 1M/3M/1Y/3Y subtract calendar months with month-end clamping; YTD is
 * Dec 31 of the previous year (the start level is then the last trading date ≤ it, i.e. the
 * previous year's last close); ALL is null (= inception).
 * Examples: (2024-03-31, ONE_MONTH) → 2024-02-29; (2024-06-14, YTD) → 2023-12-31.
 */
export function windowStartDate(end: string, window: MetricWindow): string | null {
  const e = datePart(end);
  if (window === "ALL") return null;
  if (window === "YTD") return `${pad(Number(e.slice(0, 4)) - 1, 4)}-12-31`;
  const k = MONTHS[window];
  if (k === undefined) throw new RangeError(`unknown window: ${String(window)}`);
  return minusMonths(e, k);
}

/** Index of the latest element ≤ d in sorted `dates`, or −1. */
function latestAtOrBefore(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Index range [start, end] (inclusive, into the sorted trading dates from inception) of a
 * window from..to: end = latest trading date ≤ to (null → the last date); start = latest
 * trading date ≤ from, or inception when from is null or before inception. The window's levels
 * are levels[start..end]. Null when no trading date is ≤ to, or when start > end (from > to is
 * rejected by the caller; this is the defensive answer). Example: dates [01-02, 01-03, 01-06],
 * from 01-04, to 01-05 → { start: 1, end: 1 } (one level, no returns).
 */
export function resolveWindow(
  dates: readonly string[],
  from: string | null,
  to: string | null,
): { start: number; end: number } | null {
  if (dates.length === 0) return null;
  const end = to === null ? dates.length - 1 : latestAtOrBefore(dates, datePart(to));
  if (end < 0) return null;
  const start = from === null ? 0 : Math.max(0, latestAtOrBefore(dates, datePart(from)));
  return start <= end ? { start, end } : null;
}

/** resolveWindow for a named window ending at `to` (null → the last trading date). */
export function resolveNamedWindow(
  dates: readonly string[],
  window: MetricWindow,
  to: string | null,
): { start: number; end: number } | null {
  if (dates.length === 0) return null;
  const end = to ?? dates[dates.length - 1];
  return resolveWindow(dates, windowStartDate(end, window), end);
}
