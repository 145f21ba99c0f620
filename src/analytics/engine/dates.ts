// Date helpers over 'YYYY-MM-DD' strings. No JS Date objects in local time: every conversion
// is UTC arithmetic, so no time zone can shift a date.

/** Date part only: 'YYYY-MM-DD' (a longer timestamp is cut, DOMAIN "comparisons use the date part"). */
export function datePart(date: string): string {
  return date.length === 10 ? date : date.slice(0, 10);
}

/**
 * Order-preserving integer key YYYYMMDD of a date string (reads the first 10 characters).
 * Example: dateKey('2024-03-05') = 20240305.
 */
export function dateKey(date: string): number {
  // Unrolled: this runs once per price row (≈600k) in the hot path.
  return (
    (date.charCodeAt(0) - 48) * 10_000_000 +
    (date.charCodeAt(1) - 48) * 1_000_000 +
    (date.charCodeAt(2) - 48) * 100_000 +
    (date.charCodeAt(3) - 48) * 10_000 +
    (date.charCodeAt(5) - 48) * 1000 +
    (date.charCodeAt(6) - 48) * 100 +
    (date.charCodeAt(8) - 48) * 10 +
    (date.charCodeAt(9) - 48)
  );
}

/** Days since 1970-01-01 of a YYYYMMDD key (UTC, proleptic Gregorian). */
export function epochDay(key: number): number {
  const y = Math.floor(key / 10_000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * ISO week index: weeks start on Monday. 1970-01-01 was a Thursday, so day 4 (1970-01-05,
 * a Monday) starts week 1: week = ⌊(epochDay + 3) / 7⌋.
 */
export function isoWeekIndex(key: number): number {
  return Math.floor((epochDay(key) + 3) / 7);
}

/** Calendar month index: year·12 + month − 1. */
export function monthIndex(key: number): number {
  return Math.floor(key / 10_000) * 12 + (Math.floor(key / 100) % 100) - 1;
}

/** Calendar quarter index: year·4 + ⌊(month − 1)/3⌋. */
export function quarterIndex(key: number): number {
  return Math.floor(key / 10_000) * 4 + Math.floor(((Math.floor(key / 100) % 100) - 1) / 3);
}
