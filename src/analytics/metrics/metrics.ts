/**
 * The §6 metric set over one window, from index levels or from caller-supplied returns.
 * Conventions (docs/metrics.md): A = opts.periodsPerYear, rf = opts.riskFreeRate / A per
 * period, ddof 1, VaR = type-7 quantile of r (a loss is negative), drawdowns ≤ 0, decimals.
 */
import type { MetricOptions, MetricSet } from "./types.js";
import { MetricAccumulator } from "./accumulator.js";

/** Index levels are engine output: finite and > 0. Anything else is a bug upstream, so throw. */
export function checkLevels(levels: readonly number[]): void {
  for (let k = 0; k < levels.length; k++) {
    const v = levels[k];
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`level ${k} must be finite and > 0, got ${v}`);
  }
}

/** r_k = V_k/V_{k−1} − 1 for k ≥ 1. Example: [100, 110, 99] → r_1 = 0.1, r_2 = −0.1. */
export function levelReturn(levels: readonly number[], k: number): number {
  return levels[k] / levels[k - 1] - 1;
}

/**
 * Benchmark return b_k from benchmark levels aligned to the index dates: defined only when
 * B_{k−1} and B_k are both present (finite and > 0); a missing level makes both adjacent
 * returns missing (no filling here: the caller's §2 cleaning already carried what may be).
 */
export function benchmarkReturn(bench: readonly (number | null)[], k: number): number | null {
  const prev = bench[k - 1];
  const cur = bench[k];
  if (prev === null || cur === null || !(prev > 0) || !(cur > 0)) return null;
  if (!Number.isFinite(prev) || !Number.isFinite(cur)) return null;
  return cur / prev - 1;
}

/**
 * Metrics of the window V_0..V_n (n = levels.length − 1 returns). The benchmark's returns come
 * from its levels on the same dates; pairs where either return is missing are dropped.
 * Example: levels [100, 110, 99] → totalReturn −0.01, maxDrawdown 99/110 − 1 = −0.1.
 * An empty `levels` gives all-null metrics.
 */
export function metricsFromLevels(
  levels: readonly number[],
  benchmarkLevels: readonly (number | null)[] | null,
  opts: MetricOptions,
): MetricSet {
  checkLevels(levels);
  if (benchmarkLevels !== null && benchmarkLevels.length !== levels.length) {
    throw new RangeError(`benchmarkLevels has ${benchmarkLevels.length} entries, levels ${levels.length}`);
  }
  const acc = new MetricAccumulator(opts, levels.length);
  if (levels.length === 0) return acc.snapshot();
  acc.start(levels[0]);
  for (let k = 1; k < levels.length; k++) {
    acc.push(levels[k], levelReturn(levels, k), benchmarkLevels === null ? null : benchmarkReturn(benchmarkLevels, k));
  }
  return acc.snapshot();
}

/**
 * Metrics of caller-supplied per-period returns (the analyzeReturns API). A null entry is a
 * missing observation and is skipped; n counts the non-null returns. Benchmark entries pair by
 * position; a pair with either side missing is dropped from beta/correlation/TE/IR only.
 * Level-based metrics use the wealth path W_0 = 1, W_k = W_{k−1}(1 + r_k) over the observed
 * returns, so they need at least 1 return here (no level is given), and are null if some
 * r < −1 drives wealth negative. Example: [0.1, null, −0.1] → n = 2, totalReturn −0.01.
 */
export function metricsFromReturns(
  returns: readonly (number | null)[],
  benchmarkReturns: readonly (number | null)[] | null,
  opts: MetricOptions,
): MetricSet {
  if (benchmarkReturns !== null && benchmarkReturns.length !== returns.length) {
    throw new RangeError(`benchmarkReturns has ${benchmarkReturns.length} entries, returns ${returns.length}`);
  }
  const acc = new MetricAccumulator(opts, returns.length);
  let wealth = 1;
  let started = false;
  for (let k = 0; k < returns.length; k++) {
    const r = returns[k];
    if (r === null) continue;
    if (!Number.isFinite(r)) throw new RangeError(`return ${k} must be finite or null, got ${r}`);
    const braw = benchmarkReturns === null ? null : benchmarkReturns[k];
    if (braw !== null && !Number.isFinite(braw)) {
      throw new RangeError(`benchmark return ${k} must be finite or null, got ${braw}`);
    }
    if (!started) {
      acc.start(1);
      started = true;
    }
    wealth *= 1 + r;
    acc.push(wealth, r, braw);
  }
  return acc.snapshot();
}
