/**
 * The expanding-window engine behind every MetricSet: one pass, O(1) per period except the
 * two running VaR quantiles (O(log n) per period, see running-quantile.ts), so n periods cost
 * O(n log n) whether one snapshot is taken (analyzeReturns) or one per period (stored rows).
 * metricsFromLevels, metricsFromReturns and riskMetricSeries all feed this same class, so a
 * stored row for t is bit-identical to metricsFromLevels over inception..t.
 */
import type { MetricOptions, MetricSet } from "./types.js";
import { annualize, finiteOrNull, welford, welfordPush, welfordStd, welfordVariance } from "./stats.js";
import { RunningQuantile } from "./running-quantile.js";

export function checkOptions(opts: MetricOptions): void {
  if (!(Number.isFinite(opts.periodsPerYear) && opts.periodsPerYear > 0)) {
    throw new RangeError(`periodsPerYear must be a positive number, got ${opts.periodsPerYear}`);
  }
  if (!Number.isFinite(opts.riskFreeRate)) {
    throw new RangeError(`riskFreeRate must be finite, got ${opts.riskFreeRate}`);
  }
}

export class MetricAccumulator {
  private readonly a: number;
  private readonly rfPerPeriod: number;
  // Level (or wealth) path: V_0, V_n, running peak, running min drawdown.
  private levelCount = 0;
  private level0 = 0;
  private level = 0;
  private peak = 0;
  private maxDd = 0;
  /** false once a return < −100 % made the wealth path meaningless (returns mode only). */
  private pathValid = true;
  // Returns r_1..r_n.
  private readonly r = welford();
  private readonly excess = welford(); // r − rf
  private downsideSq = 0; // Σ min(r − rf, 0)²
  private lastReturn: number | null = null;
  private readonly q95: RunningQuantile;
  private readonly q99: RunningQuantile;
  // Pairs (r, b) with b defined.
  private readonly pr = welford();
  private readonly pb = welford();
  private cxy = 0; // Σ (r − r̄)(b − b̄), Welford co-moment
  private readonly diff = welford(); // r − b

  /** @param expected periods expected, if known (sizes the quantile heaps once). */
  constructor(opts: MetricOptions, expected = 0) {
    checkOptions(opts);
    this.q95 = new RunningQuantile(0.05, expected);
    this.q99 = new RunningQuantile(0.01, expected);
    this.a = opts.periodsPerYear;
    this.rfPerPeriod = opts.riskFreeRate / opts.periodsPerYear;
  }

  /** Sets V_0. */
  start(level: number): void {
    this.levelCount = 1;
    this.level0 = level;
    this.level = level;
    this.peak = level;
  }

  /** Adds one period: the new level V_k, its return r_k and the benchmark's b_k (null = missing). */
  push(level: number, r: number, b: number | null): void {
    this.levelCount += 1;
    this.level = level;
    if (!(level >= 0)) this.pathValid = false;
    if (level > this.peak) this.peak = level;
    const dd = level / this.peak - 1;
    if (dd < this.maxDd) this.maxDd = dd;

    welfordPush(this.r, r);
    const x = r - this.rfPerPeriod;
    welfordPush(this.excess, x);
    if (x < 0) this.downsideSq += x * x;
    this.lastReturn = r;
    this.q95.push(r);
    this.q99.push(r);

    if (b !== null) {
      const dr = r - this.pr.mean; // deviation from the OLD paired mean of r
      welfordPush(this.pr, r);
      welfordPush(this.pb, b);
      this.cxy += this.pr.n === 1 ? 0 : dr * (b - this.pb.mean);
      welfordPush(this.diff, r - b);
    }
  }

  snapshot(): MetricSet {
    const n = this.r.n;
    const m = this.pr.n;
    const sqrtA = Math.sqrt(this.a);
    const pathOk = this.levelCount >= 1 && this.pathValid;

    const totalReturn = pathOk ? finiteOrNull(this.level / this.level0 - 1) : null;
    const annualizedReturn = annualize(totalReturn, n, this.a);
    const maxDrawdown = pathOk ? finiteOrNull(this.maxDd) : null;
    const currentDrawdown = pathOk ? finiteOrNull(this.level / this.peak - 1) : null;

    const std = welfordStd(this.r);
    const excessStd = welfordStd(this.excess);
    const sharpeRatio = excessStd !== null && excessStd > 0 ? (this.excess.mean / excessStd) * sqrtA : null;
    const downsideDeviation = n >= 1 ? Math.sqrt(this.downsideSq / n) * sqrtA : null;
    const sortinoRatio =
      downsideDeviation !== null && downsideDeviation > 0 ? (this.excess.mean * this.a) / downsideDeviation : null;

    // beta = cov(r, b)/var(b), both ddof 1 (the earlier system mixed ddof here).
    const varB = welfordVariance(this.pb);
    const covRB = m >= 2 ? this.cxy / (m - 1) : null;
    const betaSp500 = covRB !== null && varB !== null && varB > 0 ? covRB / varB : null;
    const correlationSp500 =
      m >= 2 && !this.pr.constant && !this.pb.constant
        ? Math.min(1, Math.max(-1, this.cxy / Math.sqrt(this.pr.m2 * this.pb.m2)))
        : null;
    const diffStd = welfordStd(this.diff);
    const trackingError = diffStd === null ? null : diffStd * sqrtA;
    const informationRatio =
      trackingError !== null && trackingError > 0 ? (this.diff.mean * this.a) / trackingError : null;

    const calmarRatio =
      annualizedReturn !== null && maxDrawdown !== null && maxDrawdown < 0 ? annualizedReturn / -maxDrawdown : null;

    return {
      totalReturn,
      annualizedReturn,
      dailyReturn: this.lastReturn,
      volatility: std === null ? null : finiteOrNull(std * sqrtA),
      sharpeRatio: finiteOrNull(sharpeRatio),
      sortinoRatio: finiteOrNull(sortinoRatio),
      maxDrawdown,
      currentDrawdown,
      var95: this.q95.value(),
      var99: this.q99.value(),
      betaSp500: finiteOrNull(betaSp500),
      correlationSp500: finiteOrNull(correlationSp500),
      trackingError: finiteOrNull(trackingError),
      informationRatio: finiteOrNull(informationRatio),
      downsideDeviation: finiteOrNull(downsideDeviation),
      calmarRatio: finiteOrNull(calmarRatio),
      observations: n,
      pairedObservations: m,
    };
  }
}
