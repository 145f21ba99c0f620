import { isIsoDate } from "../shared/dates.js";
import { echo } from "../shared/strings.js";

/**
 * Per-value checks shared by the CSV import and the GraphQL mutations. Each returns null when
 * the value is acceptable, else the reason in words.
 */

/** A plain decimal number: no hex, no "Infinity", no empty string (Number() accepts all three). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export const dateProblem = (d: string): string | null =>
  isIsoDate(d) ? null : `invalid date ${echo(JSON.stringify(d))} (expected YYYY-MM-DD)`;

/**
 * DOMAIN §1: a close is finite and strictly positive. Returns the reason code (CSV rejects are
 * counted by it) and the message, or null; `shown` is how the message quotes the value.
 */
export function closeIssue(
  c: number,
  shown: string = String(c),
): { code: "invalid close" | "non-positive close"; message: string } | null {
  if (!Number.isFinite(c)) return { code: "invalid close", message: `close must be a finite number, got ${shown}` };
  return c > 0 ? null : { code: "non-positive close", message: `close must be > 0, got ${shown}` };
}

export const closeProblem = (c: number): string | null => closeIssue(c)?.message ?? null;

/** market_cap, shares_outstanding, average_volume: null, or finite and ≥ 0. */
export const nonNegativeProblem = (name: string, v: number | null): string | null =>
  v === null || (Number.isFinite(v) && v >= 0) ? null : `${name} must be a finite number ≥ 0 or empty, got ${v}`;

/** DOMAIN §1: free_float is a fraction in (0, 1]; null means 1. */
export const freeFloatProblem = (v: number | null): string | null =>
  v === null || (Number.isFinite(v) && v > 0 && v <= 1) ? null : `free_float must be in (0, 1] or empty, got ${v}`;

/** Parses a CSV cell as a number; NaN when it is not a plain decimal. */
export const parseDecimal = (text: string): number => {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
};

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD' date. */
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * A numeric key for an (asset id, date) pair, unique for ids < 2^31 and years 1..9999
 * (day numbers shifted to be positive fit in 22 bits): cheaper in a Map than a string key.
 */
export const pairKey = (assetId: number, date: string): number => assetId * 4_194_304 + dayNumber(date) + 1_000_000;
