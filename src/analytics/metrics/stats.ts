/**
 * Small exact-where-possible statistics used by every metric.
 * Sample moments use ddof 1 throughout. A "constant" sample (all values exactly equal) has
 * variance exactly 0: it is detected by equality, not by a tolerance (DOMAIN.md §6).
 */

/** Running mean and sum of squared deviations m2 (Welford 1962): no catastrophic cancellation. */
export interface Welford {
  n: number;
  mean: number;
  m2: number;
  first: number;
  /** true while every pushed value equals the first one exactly. */
  constant: boolean;
}

export function welford(): Welford {
  return { n: 0, mean: 0, m2: 0, first: 0, constant: true };
}

/** Adds x. For a constant series mean stays exactly x and m2 exactly 0. */
export function welfordPush(w: Welford, x: number): void {
  w.n += 1;
  if (w.n === 1) {
    w.first = x;
    w.mean = x;
    return;
  }
  if (x !== w.first) w.constant = false;
  const delta = x - w.mean;
  w.mean += delta / w.n;
  w.m2 += delta * (x - w.mean);
}

/** Sample variance m2/(n − 1): null below 2 values, exactly 0 for a constant sample. */
export function welfordVariance(w: Welford): number | null {
  if (w.n < 2) return null;
  if (w.constant) return 0;
  return Math.max(w.m2, 0) / (w.n - 1);
}

/** Sample standard deviation (ddof 1). Example: [1, 2, 3, 4] → √(5/3) ≈ 1.2910. */
export function welfordStd(w: Welford): number | null {
  const v = welfordVariance(w);
  return v === null ? null : Math.sqrt(v);
}

/** Sample std (ddof 1) of an array; null below 2 values. */
export function sampleStd(xs: readonly number[]): number | null {
  const w = welford();
  for (const x of xs) welfordPush(w, x);
  return welfordStd(w);
}

/** Arithmetic mean; null for an empty array. Example: [1, 2, 6] → 3. */
export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const w = welford();
  for (const x of xs) welfordPush(w, x);
  return w.mean;
}

/**
 * Quantile of an ascending sorted sample, Hyndman & Fan type 7 (R's default, NumPy "linear"):
 * index h = 1 + (n − 1)·p (1-based), Q = (1 − f)·x[⌊h⌋] + f·x[⌈h⌉] with f = h − ⌊h⌋, written
 * exactly as R's quantile.default does. Example: 1..10 at p = 0.05 → h = 1.45 → 1.45.
 * Null for an empty sample; the single value for n = 1.
 */
export function quantileType7(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qlo = sorted[lo - 1];
  const qhi = sorted[hi - 1];
  const f = index - lo;
  if (f === 0 || qhi === qlo) return qlo;
  return (1 - f) * qlo + f * qhi;
}

/** Ascending numeric copy (typed-array sort compares numerically, unlike Array#sort). */
export function sortedCopy(xs: readonly number[]): number[] {
  return Array.from(Float64Array.from(xs).sort());
}

/** First index whose value is ≥ x (sorted ascending). */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Binary insertion keeping `sorted` ascending: O(log n) search, O(n) shift. */
export function insertSorted(sorted: number[], x: number): void {
  sorted.splice(lowerBound(sorted, x), 0, x);
}

/** Removes one occurrence of x; throws if absent (an invariant of the rolling windows). */
export function removeSorted(sorted: number[], x: number): void {
  const i = lowerBound(sorted, x);
  if (sorted[i] !== x) throw new Error(`removeSorted: ${x} not present`);
  sorted.splice(i, 1);
}

/** Maps NaN/±Infinity (and null) to null: undefined metrics are never non-finite numbers. */
export function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

/**
 * Geometric annualisation (1 + R)^(A/n) − 1 of a total return R over n periods.
 * Example: R = 0.21 over n = 504 with A = 252 → 1.21^0.5 − 1 = 0.10. Null when n < 1 or the
 * result is not finite (e.g. 1 + R < 0).
 */
export function annualize(totalReturn: number | null, n: number, periodsPerYear: number): number | null {
  if (totalReturn === null || n < 1) return null;
  const base = 1 + totalReturn;
  if (base < 0) return null;
  return finiteOrNull(base ** (periodsPerYear / n) - 1);
}
