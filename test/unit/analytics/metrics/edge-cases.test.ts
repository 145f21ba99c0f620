import { describe, expect, it } from "vitest";
import { metricsFromLevels, metricsFromReturns } from "../../../../src/analytics/metrics/metrics.js";
import type { MetricSet } from "../../../../src/analytics/metrics/types.js";

const OPTS = { periodsPerYear: 252, riskFreeRate: 0 };
const NUMERIC_KEYS = [
  "totalReturn",
  "annualizedReturn",
  "dailyReturn",
  "volatility",
  "sharpeRatio",
  "sortinoRatio",
  "maxDrawdown",
  "currentDrawdown",
  "var95",
  "var99",
  "betaSp500",
  "correlationSp500",
  "trackingError",
  "informationRatio",
  "downsideDeviation",
  "calmarRatio",
] as const satisfies readonly (keyof MetricSet)[];

/** The null-not-NaN rule: every metric is null or a finite number. */
function expectNullOrFinite(m: MetricSet): void {
  for (const k of NUMERIC_KEYS) {
    const v = m[k];
    if (v !== null) expect(Number.isFinite(v), k).toBe(true);
  }
}

describe("0, 1, 2 returns", () => {
  it("no level: everything null", () => {
    const m = metricsFromLevels([], null, OPTS);
    for (const k of NUMERIC_KEYS) expect(m[k], k).toBeNull();
    expect(m.observations).toBe(0);
  });

  it("one level: total return and drawdowns 0, every return metric null", () => {
    const m = metricsFromLevels([100], [50], OPTS);
    expect([m.totalReturn, m.maxDrawdown, m.currentDrawdown]).toEqual([0, 0, 0]);
    for (const k of [
      "annualizedReturn",
      "dailyReturn",
      "volatility",
      "sharpeRatio",
      "sortinoRatio",
      "var95",
      "var99",
      "betaSp500",
      "correlationSp500",
      "trackingError",
      "informationRatio",
      "downsideDeviation",
      "calmarRatio",
    ] as const)
      expect(m[k], k).toBeNull();
  });

  it("one return (100 → 95): vol/Sharpe need 2; Sortino = −0.05·252/(0.05·√252) = −√252", () => {
    const m = metricsFromLevels([100, 95], [50, 51], OPTS);
    expect(m.totalReturn).toBeCloseTo(-0.05, 14);
    expect(m.annualizedReturn).toBeCloseTo(0.95 ** 252 - 1, 14);
    expect(m.dailyReturn).toBeCloseTo(-0.05, 14);
    expect(m.volatility).toBeNull();
    expect(m.sharpeRatio).toBeNull();
    expect(m.sortinoRatio).toBeCloseTo(-Math.sqrt(252), 10);
    expect(m.var95).toBe(m.dailyReturn); // n = 1: the quantile is the one value
    expect(m.var99).toBe(m.dailyReturn);
    expect(m.maxDrawdown).toBeCloseTo(-0.05, 14);
    expect([m.betaSp500, m.correlationSp500, m.trackingError, m.informationRatio]).toEqual([null, null, null, null]);
    expect(m.pairedObservations).toBe(1);
  });

  it("one positive return: D = 0 is a value, Sortino is then undefined", () => {
    const m = metricsFromReturns([0.01], null, OPTS);
    expect(m.downsideDeviation).toBe(0);
    expect(m.sortinoRatio).toBeNull();
    expect(m.calmarRatio).toBeNull(); // max drawdown 0
  });

  it("two returns: volatility defined", () => {
    // r = [0.01, 0.03]: std = √(2·0.01²/1) = 0.01√2.
    const m = metricsFromReturns([0.01, 0.03], null, OPTS);
    expect(m.volatility).toBeCloseTo(0.01 * Math.SQRT2 * Math.sqrt(252), 12);
  });
});

describe("constant series", () => {
  it("constant levels: vol exactly 0, Sharpe null (std 0), Sortino null (D 0)", () => {
    const m = metricsFromLevels([100, 100, 100, 100], null, OPTS);
    expect(m.volatility).toBe(0);
    expect(m.sharpeRatio).toBeNull();
    expect(m.sortinoRatio).toBeNull();
    expect(m.downsideDeviation).toBe(0);
    expect(m.var95).toBe(0);
    expect(m.annualizedReturn).toBe(0);
  });

  it("constant 1.1 % returns with rf above them: std of r − rf is 0 → Sharpe null, Sortino −√252", () => {
    // rf = 5.04/252 ≈ 0.02 a period; every r − rf ≈ −0.009 (exactly equal); D = 0.009√252.
    const m = metricsFromReturns([0.011, 0.011, 0.011], null, { periodsPerYear: 252, riskFreeRate: 5.04 });
    expect(m.volatility).toBe(0);
    expect(m.sharpeRatio).toBeNull();
    expect(m.sortinoRatio).toBeCloseTo(-Math.sqrt(252), 10);
  });
});

describe("benchmark edge cases", () => {
  const levels = [100, 101, 99, 102, 103];

  it("zero benchmark variance: beta and correlation null, TE and IR still defined", () => {
    const m = metricsFromLevels(levels, [50, 50, 50, 50, 50], OPTS);
    expect(m.betaSp500).toBeNull();
    expect(m.correlationSp500).toBeNull();
    // b = 0, so r − b = r: TE equals volatility.
    expect(m.trackingError).toBe(m.volatility);
    expect(m.informationRatio).not.toBeNull();
  });

  it("constant index returns against a moving benchmark: beta exactly 0, correlation null", () => {
    const m = metricsFromReturns([0.01, 0.01, 0.01], [0.02, -0.01, 0.03], OPTS);
    expect(m.betaSp500).toBe(0);
    expect(m.correlationSp500).toBeNull();
  });

  it("all-missing benchmark: no pairs, benchmark metrics null", () => {
    const m = metricsFromLevels(levels, [null, null, null, null, null], OPTS);
    expect(m.pairedObservations).toBe(0);
    expect([m.betaSp500, m.correlationSp500, m.trackingError, m.informationRatio]).toEqual([null, null, null, null]);
    expect(m.volatility).not.toBeNull();
  });

  it("a missing benchmark level drops both adjacent returns (no filling)", () => {
    // B = [50, null, 51, 52, 53]: b_1, b_2 missing; b_3 = 52/51 − 1, b_4 = 53/52 − 1 → 2 pairs.
    const m = metricsFromLevels(levels, [50, null, 51, 52, 53], OPTS);
    expect(m.pairedObservations).toBe(2);
    expect(m.observations).toBe(4);
    // Beta of 2 pairs = Δr/Δb: (103/102 − 102/99)/(53/52 − 52/51).
    const beta = (103 / 102 - 102 / 99) / (53 / 52 - 52 / 51);
    expect(m.betaSp500).toBeCloseTo(beta, 9);
    expect(Math.abs(m.correlationSp500 ?? 0)).toBeCloseTo(1, 12); // two points lie on a line
  });
});

describe("analyzeReturns input with nulls", () => {
  it("null returns are skipped, pairs need both sides", () => {
    // Observed r = [0.1, −0.1, 0.1] (k = 0, 2, 3); pairs at k = 0 and k = 3 only.
    const m = metricsFromReturns([0.1, null, -0.1, 0.1], [0.02, 0.05, null, 0.04], OPTS);
    expect(m.observations).toBe(3);
    expect(m.pairedObservations).toBe(2);
    expect(m.totalReturn).toBeCloseTo(1.1 * 0.9 * 1.1 - 1, 14); // wealth path 1 → 1.089
    expect(m.dailyReturn).toBe(0.1); // the last observed return
    // Pairs (0.1, 0.02), (0.1, 0.04): r constant within pairs → beta 0, correlation null.
    expect(m.betaSp500).toBe(0);
    expect(m.correlationSp500).toBeNull();
    expect(m.trackingError).toBeCloseTo((0.02 / Math.SQRT2) * Math.sqrt(252), 12); // d = [0.08, 0.06]
  });

  it("no observation at all: every metric null (no level is given in returns mode)", () => {
    const m = metricsFromReturns([null, null], null, OPTS);
    for (const k of NUMERIC_KEYS) expect(m[k], k).toBeNull();
  });

  it("a return below −100 % makes the wealth metrics null but keeps the return metrics", () => {
    const m = metricsFromReturns([-1.5, 0.1], null, OPTS);
    expect([m.totalReturn, m.annualizedReturn, m.maxDrawdown, m.currentDrawdown, m.calmarRatio]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(m.volatility).not.toBeNull();
  });

  it("overflowing annualisation is null, never Infinity", () => {
    const m = metricsFromLevels([1, 1e10], null, OPTS);
    expect(m.annualizedReturn).toBeNull();
    expectNullOrFinite(m);
  });
});

describe("input validation", () => {
  it("throws on impossible levels, options and mismatched lengths", () => {
    expect(() => metricsFromLevels([100, 0], null, OPTS)).toThrow(RangeError);
    expect(() => metricsFromLevels([100, Number.NaN], null, OPTS)).toThrow(RangeError);
    expect(() => metricsFromLevels([100, 101], [1], OPTS)).toThrow(RangeError);
    expect(() => metricsFromLevels([100], null, { periodsPerYear: 0, riskFreeRate: 0 })).toThrow(RangeError);
    expect(() => metricsFromReturns([Number.POSITIVE_INFINITY], null, OPTS)).toThrow(RangeError);
  });
});
