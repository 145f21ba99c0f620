// Exact window statistics over one column of a dense [date * n + asset] matrix.

export interface WindowStats {
  /** Number of defined (non-NaN) values in the window. */
  count: number;
  mean: number;
  /** Sample std (ddof 1); NaN when count < 2; exactly 0 when all values are equal. */
  std: number;
}

/**
 * Two-pass mean and sample std of xs[0 … count−1]: μ = Σx/c, σ = √(Σ(x − μ)²/(c − 1)).
 * Two passes plus the all-equal test make a constant window give σ = 0 exactly (e.g. stale
 * zeros), which the σ > 0 and σ > 1e-12 tests of DOMAIN §2.5 and §4 rely on.
 * Example: 0.01, 0.03 → μ = 0.02, σ = 0.0141421….
 */
export function sampleStats(xs: Float64Array, count: number): WindowStats {
  if (count === 0) return { count, mean: NaN, std: NaN };
  let sum = 0;
  for (let j = 0; j < count; j++) sum += xs[j];
  const mean = sum / count;
  if (count < 2) return { count, mean, std: NaN };
  let allEqual = true;
  let ss = 0;
  for (let j = 0; j < count; j++) {
    if (xs[j] !== xs[0]) allEqual = false;
    ss += (xs[j] - mean) * (xs[j] - mean);
  }
  // DOMAIN §6 "constant means all values exactly equal (then the std is exactly 0)".
  return { count, mean, std: allEqual ? 0 : Math.sqrt(ss / (count - 1)) };
}

/** sampleStats of the defined values of column a of matrix m on dates from … to (clamped at 0). */
export function windowStats(m: Float64Array, n: number, a: number, from: number, to: number): WindowStats {
  const xs = new Float64Array(Math.max(0, to - Math.max(0, from) + 1));
  let c = 0;
  for (let d = Math.max(0, from); d <= to; d++) {
    const x = m[d * n + a];
    if (!Number.isNaN(x)) xs[c++] = x;
  }
  return sampleStats(xs, c);
}

/**
 * Per-column count, Σx and Σx² of a window that slides one date at a time over a dense
 * [date * n + column] layout; NaN values are not counted. Taking out a value that dominated
 * what is left (cancellation would eat the precision) asks for a resync, which recounts the
 * column exactly from its values. Shared by the outlier test of cleaning and RollingWindow.
 */
export class ColumnSums {
  readonly count: Int32Array;
  readonly sum: Float64Array;
  readonly ssq: Float64Array;

  constructor(private readonly n: number) {
    this.count = new Int32Array(n);
    this.sum = new Float64Array(n);
    this.ssq = new Float64Array(n);
  }

  add(a: number, x: number): void {
    if (Number.isNaN(x)) return;
    this.count[a]++;
    this.sum[a] += x;
    this.ssq[a] += x * x;
  }

  /** Takes x out of column a; true when it dominated what is left (then resync the column). */
  remove(a: number, x: number): boolean {
    if (Number.isNaN(x)) return false;
    this.count[a]--;
    this.sum[a] -= x;
    this.ssq[a] -= x * x;
    return x * x > this.ssq[a];
  }

  /** Recounts column a exactly from valueAt(d·n + a) for d = from … to (from clamped at 0). */
  resync(a: number, from: number, to: number, valueAt: (i: number) => number): void {
    let c = 0;
    let s = 0;
    let q = 0;
    for (let d = Math.max(0, from); d <= to; d++) {
      const x = valueAt(d * this.n + a);
      if (!Number.isNaN(x)) {
        c++;
        s += x;
        q += x * x;
      }
    }
    this.count[a] = c;
    this.sum[a] = s;
    this.ssq[a] = q;
  }
}

/**
 * Rolling count / Σx / Σx² per column over the V dates d−V+1 … d of a matrix, advanced one
 * date at a time (O(n) per date instead of O(n·V) per query). The sums are recomputed from
 * scratch every V dates and whenever a dominant value leaves, which bounds rounding drift;
 * σ near 0 (≤ 1e-6 of the raw second moment) is recomputed exactly with `windowStats`, so a
 * constant window still gives σ = 0 exactly. Depends only on dates ≤ d (point in time).
 */
export interface RollingWindow {
  /** Number of defined values per column in the current window. */
  count: Int32Array;
  /** Slides the window to end at d (call for d = 0, 1, 2, … in order). */
  advance(d: number): void;
  /** Sample std (ddof 1) of column a over the current window ending at d; NaN when count < 2. */
  std(a: number, d: number): number;
}

const NEAR_ZERO = 1e-6;

export function createRollingWindow(m: Float64Array, n: number, V: number): RollingWindow {
  const sums = new ColumnSums(n);
  const { count, sum, ssq } = sums;
  const valueAt = (i: number) => m[i];
  return {
    count,
    advance(d) {
      const row = d * n;
      const out = (d - V) * n;
      const resyncAll = d % V === 0;
      for (let a = 0; a < n; a++) {
        sums.add(a, m[row + a]);
        const dominantLeft = out >= 0 && sums.remove(a, m[out + a]);
        if (resyncAll || dominantLeft) sums.resync(a, d - V + 1, d, valueAt);
      }
    },
    std(a, d) {
      const c = count[a];
      if (c < 2) return NaN;
      const varN = ssq[a] - (sum[a] * sum[a]) / c;
      if (varN <= NEAR_ZERO * ssq[a]) return windowStats(m, n, a, d - V + 1, d).std;
      return Math.sqrt(varN / (c - 1));
    },
  };
}
