// Price cleaning, returns and data-quality flags (DOMAIN §2). Point in time: every value for
// date index d reads rows ≤ d only, so appending dates never changes an earlier value.
import { FLAG_BELOW_MIN_PRICE, FLAG_CLIPPED, FLAG_OUTLIER, FLAG_STALE } from "./types.js";
import { ColumnSums, sampleStats } from "./window.js";

export interface CleaningParams {
  minPriceThreshold: number;
  maxForwardFillDays: number;
  minDailyReturn: number;
  maxDailyReturn: number;
  outlierStdThreshold: number;
  volatilityLookbackDays: number;
}

export interface Cleaned {
  /** Actual or carried close; NaN = unavailable. r(t,i) follows from it (`returnAt`). */
  price: Float64Array;
  /** 1 where the close is an actual usable close (not stale). */
  actual: Uint8Array;
  /** Signal return r̃: clipped, then winsorised to μ ± kσ when an outlier; NaN = undefined. */
  signal: Float64Array;
  flags: Uint8Array;
  /** The clipped (not yet winsorised) return of each outlier cell; elsewhere it equals `signal`. */
  outlierClipped: Map<number, number>;
}

/** r(t,i) = P(t,i)/P(t−1,i) − 1 at cell i = t·n + asset; NaN when either side is unavailable. */
export function returnAt(price: Float64Array, n: number, i: number): number {
  return i < n ? NaN : price[i] / price[i - n] - 1;
}

/** The clipped return at cell i (before winsorising); NaN = undefined. */
export function clippedAt(c: Cleaned, i: number): number {
  return c.flags[i] & FLAG_OUTLIER ? c.outlierClipped.get(i)! : c.signal[i];
}

// Relative margin inside which the rolling-sum outlier test is re-decided with exact two-pass
// statistics, so that every flag equals the one of an exact window computation.
const MARGIN = 1e-6;

/**
 * Cleans a raw close matrix (NaN = no row) of nDates × n. The matrix is cleaned IN PLACE and
 * returned as `price`, and neither r nor the clipped returns get a dense matrix of their own:
 * on the real data set each one is 5 MB that would only feed the garbage collector.
 */
export function cleanPrices(close: Float64Array, nDates: number, n: number, p: CleaningParams): Cleaned {
  const size = nDates * n;
  const price = close;
  const actual = new Uint8Array(size);
  const signal = new Float64Array(size);
  const flags = new Uint8Array(size);
  const outlierClipped = new Map<number, number>();
  const cl: Cleaned = { price, actual, signal, flags, outlierClipped };
  const scratch = new Float64Array(p.volatilityLookbackDays);
  const last = new Float64Array(n).fill(NaN);
  const gap = new Int32Array(n);
  // Rolling count / Σx / Σx² of clipped returns on dates d−V … d−1 (t itself excluded).
  const win = new ColumnSums(n);
  const { count: cnt, sum, ssq } = win;
  const clipped = (i: number) => clippedAt(cl, i);
  const V = p.volatilityLookbackDays;
  const k = p.outlierStdThreshold;
  const minCount = Math.max(2, Math.ceil(V / 2));

  for (let d = 0; d < nDates; d++) {
    const row = d * n;
    const resyncAll = d % V === 0;
    for (let a = 0; a < n; a++) {
      const i = row + a;
      // §2.1–2.2: below-threshold closes are missing; carry the last usable close ≤ F dates.
      let c = close[i];
      if (!Number.isNaN(c) && c < p.minPriceThreshold) {
        flags[i] |= FLAG_BELOW_MIN_PRICE;
        c = NaN;
      }
      if (!Number.isNaN(c)) {
        price[i] = c;
        actual[i] = 1;
        last[a] = c;
        gap[a] = 0;
      } else if (!Number.isNaN(last[a]) && gap[a] < p.maxForwardFillDays) {
        gap[a]++;
        price[i] = last[a];
        flags[i] |= FLAG_STALE;
      } else {
        price[i] = NaN;
        last[a] = NaN; // unavailable until the next usable close
      }

      // Slide the outlier window to d−V … d−1.
      if (d > 0) win.add(a, clippedAt(cl, i - n));
      const dominantLeft = d - V - 1 >= 0 && win.remove(a, clippedAt(cl, i - (V + 1) * n));
      if (resyncAll || dominantLeft) win.resync(a, d - V, d - 1, clipped);

      // §2.3–2.4: return over consecutive trading dates, clipped to the bounds.
      const prev = d === 0 ? NaN : price[i - n];
      const cur = price[i];
      if (Number.isNaN(prev) || Number.isNaN(cur)) {
        signal[i] = NaN;
        continue;
      }
      const r = cur / prev - 1;
      let x = r;
      if (r < p.minDailyReturn) x = p.minDailyReturn;
      else if (r > p.maxDailyReturn) x = p.maxDailyReturn;
      if (x !== r) flags[i] |= FLAG_CLIPPED;
      signal[i] = x;

      // §2.5: outlier against the V dates before t; winsorised to μ ± kσ.
      const c0 = cnt[a];
      if (c0 < minCount) continue;
      const mu = sum[a] / c0;
      const varN = ssq[a] - sum[a] * mu; // (c − 1)·σ²
      const dev = x - mu;
      const lhs = dev * dev * (c0 - 1);
      const rhs = k * k * varN;
      const fast = varN > 0 && lhs > rhs;
      const unsure = varN <= MARGIN * ssq[a] || Math.abs(lhs - rhs) <= MARGIN * (lhs + rhs);
      if (!fast && !unsure) continue;
      let m = 0;
      for (let s = Math.max(0, d - V); s < d; s++) {
        const y = clippedAt(cl, s * n + a);
        if (!Number.isNaN(y)) scratch[m++] = y;
      }
      const st = sampleStats(scratch, m);
      if (st.std > 0 && Math.abs(x - st.mean) > k * st.std) {
        flags[i] |= FLAG_OUTLIER;
        outlierClipped.set(i, x);
        signal[i] = x > st.mean ? st.mean + k * st.std : st.mean - k * st.std;
      }
    }
  }
  return cl;
}
