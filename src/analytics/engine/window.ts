// Exact window statistics over one column of a dense [date * n + asset] matrix.

export interface WindowStats {
  /** Number of defined (non-NaN) values in the window. */
  count: number;
  mean: number;
  /** Sample std (ddof 1); NaN when count < 2; exactly 0 when all values are equal. */
  std: number;
}

/**
 * Two-pass mean and sample std of the defined values of column `a` on dates from..to
 * (inclusive, clamped at 0): μ = Σx/c, σ = √(Σ(x − μ)²/(c − 1)).
 * Two passes make a constant window give σ = 0 exactly (e.g. stale zeros), which the
 * σ > 0 and σ > 1e-12 tests of DOMAIN §2.5 and §4 rely on.
 * Example: values 0.01, 0.03 → μ = 0.02, σ = 0.0141421….
 */
export function windowStats(m: Float64Array, n: number, a: number, from: number, to: number): WindowStats {
  let count = 0;
  let sum = 0;
  for (let d = Math.max(0, from); d <= to; d++) {
    const x = m[d * n + a];
    if (x === x) {
      count++;
      sum += x;
    }
  }
  if (count === 0) return { count, mean: NaN, std: NaN };
  const mean = sum / count;
  if (count < 2) return { count, mean, std: NaN };
  let first = NaN;
  let allEqual = true;
  let ss = 0;
  for (let d = Math.max(0, from); d <= to; d++) {
    const x = m[d * n + a];
    if (x === x) {
      if (first !== first) first = x;
      else if (x !== first) allEqual = false;
      ss += (x - mean) * (x - mean);
    }
  }
  // DOMAIN §6 "constant means all values exactly equal (then the std is exactly 0)".
  return { count, mean, std: allEqual ? 0 : Math.sqrt(ss / (count - 1)) };
}
