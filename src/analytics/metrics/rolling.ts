/**
 * Trailing windows of a fixed number of LEVELS ending at t (fewer before that many exist), for
 * the ai_* fields. Each step re-runs Welford and the drawdown over the window (O(w), cheap) and
 * keeps the window's returns sorted incrementally (binary insert + remove), so every value is
 * bit-identical to metricsFromLevels over levels[lo..t].
 */
import { annualize, insertSorted, quantileType7, removeSorted, welford, welfordPush, welfordStd } from "./stats.js";

export interface WindowRisk {
  /** Returns in the window (levels − 1). */
  observations: number;
  totalReturn: number;
  annualizedReturn: number | null;
  volatility: number | null;
  maxDrawdown: number;
  var95: number | null;
}

export class RollingWindow {
  private readonly sorted: number[] = [];
  private t = -1;

  /**
   * @param levels positive index levels; @param returns returns[k] = levels[k]/levels[k−1] − 1
   * for k ≥ 1 (returns[0] unused); @param size number of levels in a full window (≥ 1).
   */
  constructor(
    private readonly levels: readonly number[],
    private readonly returns: readonly number[],
    private readonly size: number,
    private readonly periodsPerYear: number,
  ) {}

  /** Moves the window end to the next date (calls must go t = 0, 1, 2, …) and measures it. */
  next(): WindowRisk {
    const t = ++this.t;
    const lo = Math.max(0, t - this.size + 1);
    if (t >= 1) insertSorted(this.sorted, this.returns[t]);
    // The window's returns are returns[lo+1..t]; returns[lo] just left it.
    if (lo >= 1) removeSorted(this.sorted, this.returns[lo]);

    const w = welford();
    let peak = this.levels[lo];
    let maxDd = 0;
    for (let k = lo + 1; k <= t; k++) {
      welfordPush(w, this.returns[k]);
      const v = this.levels[k];
      if (v > peak) peak = v;
      const dd = v / peak - 1;
      if (dd < maxDd) maxDd = dd;
    }
    const n = t - lo;
    const totalReturn = this.levels[t] / this.levels[lo] - 1;
    const std = welfordStd(w);
    return {
      observations: n,
      totalReturn,
      annualizedReturn: annualize(totalReturn, n, this.periodsPerYear),
      volatility: std === null ? null : std * Math.sqrt(this.periodsPerYear),
      maxDrawdown: maxDd,
      var95: quantileType7(this.sorted, 0.05),
    };
  }
}
