import { describe, expect, it } from "vitest";
import { benchmarkMetrics, compareWithBenchmark, rebase } from "../../../src/risk/benchmark-comparison.js";
import { simulateInvestment, checkAmount } from "../../../src/risk/simulation.js";
import { computeWindowMetrics, windowArgs } from "../../../src/risk/window-metrics.js";
import { shapeHoldings } from "../../../src/index/holdings.js";
import { flagMask } from "../../../src/data-quality/data-quality.enum.js";
import type { IndexSeries } from "../../../src/risk/index-series.js";

const series: IndexSeries = {
  dates: ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"],
  values: [100, 110, 99, 108.9],
  benchmark: [null, 50, 55, 44],
};

describe("rebasing and comparison", () => {
  it("rebases to exactly 100 at the base and keeps nulls", () => {
    expect(rebase([50, 55, null, 0.3], 50)).toEqual([100, 110.00000000000001, null, 0.6]);
    expect(rebase([0.1 + 0.2], 0.1 + 0.2)).toEqual([100]);
  });

  it("starts at the first date where both have a level", () => {
    const c = compareWithBenchmark(series, null, null, 0, "SPY")!;
    expect(c.startDate).toBe("2024-01-03");
    const expected = [
      [100, 100],
      [90, 110],
      [99, 88],
    ];
    expect(c.series[0]).toEqual({ date: "2024-01-03", index: 100, benchmark: 100 });
    c.series.forEach((p, k) => {
      expect(p.index).toBeCloseTo(expected[k][0], 12);
      expect(p.benchmark).toBeCloseTo(expected[k][1], 12);
    });
    expect(c.index.totalReturn).toBeCloseTo(-0.01, 15);
    expect(c.benchmark!.totalReturn).toBeCloseTo(-0.12, 15);
    expect(c.active!.excessReturn).toBeCloseTo(0.11, 15);
    expect(c.active!.pairedObservations).toBe(2);
  });

  it("counts the benchmark's move across a gap: its total return is last/first − 1 of the series it reports", () => {
    const m = benchmarkMetrics([100, 110, null, 121, 133.1], 0);
    expect(m.totalReturn).toBeCloseTo(0.331, 15); // skipping the gap's move gave 0.21
    expect(m.observations).toBe(4);
    expect(benchmarkMetrics([100, 110, 121], 0).totalReturn).toBeCloseTo(0.21, 15);
    const gap = {
      dates: ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"],
      values: [100, 101, 102, 103, 104],
      benchmark: [50, 55, null, 60.5, 66.55],
    };
    const c = compareWithBenchmark(gap, null, null, 0, "SPY")!;
    const chart = c.series.map((p) => p.benchmark!);
    // the last known close on the gap date
    expect(chart.map((v) => Number(v.toFixed(9)))).toEqual([100, 110, 110, 121, 133.1]);
    expect(c.benchmark!.totalReturn).toBeCloseTo(chart.at(-1)! / chart[0] - 1, 15);
    expect(c.benchmarkMissingDates).toBe(1);
    expect(c.active!.excessReturn).toBeCloseTo(0.04 - 0.331, 12);
    expect(c.active!.pairedObservations).toBe(2); // pairs next to the missing close are dropped
  });

  it("is unavailable without benchmark closes", () => {
    const c = compareWithBenchmark({ ...series, benchmark: [null, null, null, null] }, null, null, 0, null)!;
    expect(c).toMatchObject({ available: false, reason: "NO_BENCHMARK", benchmark: null, active: null });
    for (const [k, v] of [100, 110, 99, 108.9].entries()) expect(c.series[k].index).toBeCloseTo(v, 12);
    expect(c.series[0].index).toBe(100);
    expect(compareWithBenchmark(series, null, "2023-12-31", 0, "SPY")).toBeNull();
  });
});

describe("simulation", () => {
  it("scales the levels by amount / V_start", () => {
    const s = simulateInvestment(series, 1000, "2024-01-02", "2024-01-04")!;
    expect(s.path.map((p) => p.value)).toEqual([1000, 1100, 990]);
    expect(s).toMatchObject({ startDate: "2024-01-02", endDate: "2024-01-04", finalValue: 990 });
    expect(s.profit).toBeCloseTo(-10, 12);
    expect(s.roi).toBeCloseTo(-0.01, 15);
    expect(s.maxDrawdown).toBeCloseTo(-0.1, 15);
    expect(s.annualizedReturn).toBeCloseTo(0.99 ** 126 - 1, 12);
  });

  it("starts at the latest level on or before from; one level has no annualised return", () => {
    const s = simulateInvestment(series, 50, "2024-01-03T12:00:00Z".slice(0, 10), "2024-01-03")!;
    expect(s.path).toEqual([{ date: "2024-01-03", value: 50 }]);
    expect(s.annualizedReturn).toBeNull();
    expect(s.maxDrawdown).toBe(0);
  });

  it("accepts only a finite positive amount", () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => checkAmount(bad)).toThrow(/amount/);
    expect(checkAmount(0.01)).toBe(0.01);
  });
});

describe("window arguments", () => {
  it("defaults to ALL, excludes window with from, and from > to", () => {
    expect(windowArgs(null, null, null)).toEqual({ window: "ALL", from: null, to: null });
    expect(windowArgs(null, null, "2024-01-05")).toEqual({ window: null, from: null, to: "2024-01-05" });
    expect(() => windowArgs("YTD", "2024-01-01", null)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "window" }) }),
    );
    expect(() => windowArgs(null, "2024-02-01", "2024-01-01")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ field: "from" }) }),
    );
  });

  it("computes the window's metrics with the benchmark closes", () => {
    const m = computeWindowMetrics(series, windowArgs(null, "2024-01-03", null), 0.0252, "SPY")!;
    expect(m).toMatchObject({ startDate: "2024-01-03", endDate: "2024-01-05", observations: 2, pairedObservations: 2 });
    expect(m.conventions).toMatchObject({ periodsPerYear: 252, riskFreeRate: 0.0252, benchmarkSymbol: "SPY" });
  });
});

describe("holdings and flags", () => {
  it("weights units at their closes, heaviest first", () => {
    const h = shapeHoldings(
      {
        date: "2024-01-05",
        periodDate: "2024-01-02",
        cash: 0,
        positions: [
          { assetId: 1, units: 2, price: 10 },
          { assetId: 2, units: 1, price: 30 },
        ],
      },
      null,
    );
    expect(h).toMatchObject({ value: 50, cashWeight: 0 });
    expect(h.positions.map((p) => [p.assetId, p.weight])).toEqual([
      [2, 0.6],
      [1, 0.4],
    ]);
    const cash = shapeHoldings(
      { date: "2024-01-05", periodDate: "2024-01-05", cash: 100, positions: [] },
      "2024-01-06",
    );
    expect(cash).toMatchObject({ value: 100, cashWeight: 1, positions: [] });
  });

  it("maps flag kinds to bits", () => {
    expect(flagMask(["STALE", "OUTLIER"])).toBe(10);
    expect(flagMask(["BELOW_MIN_PRICE", "CLIPPED"])).toBe(5);
    expect(flagMask(null)).toBeNull();
  });
});
