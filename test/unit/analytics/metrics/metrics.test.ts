import { describe, expect, it } from "vitest";
import { metricsFromLevels, metricsFromReturns } from "../../../../src/analytics/metrics/metrics.js";

describe("metricsFromLevels: a hand-worked window", () => {
  // V = [100, 110, 99, 108.9] → r = [0.1, −0.1, 0.1]; A = 6 keeps the powers small; rf = 0.
  // Benchmark B = [50, 51, 50.49, 52.5096] → b = [0.02, −0.01, 0.04].
  const m = metricsFromLevels([100, 110, 99, 108.9], [50, 51, 50.49, 52.5096], { periodsPerYear: 6, riskFreeRate: 0 });

  it("level metrics", () => {
    expect(m.totalReturn).toBeCloseTo(0.089, 12); // 108.9/100 − 1
    expect(m.annualizedReturn).toBeCloseTo(0.185921, 12); // 1.089^(6/3) − 1 = 1.185921 − 1
    expect(m.dailyReturn).toBeCloseTo(0.1, 12); // r_n
    expect(m.maxDrawdown).toBeCloseTo(-0.1, 12); // peak 110, trough 99: 99/110 − 1
    expect(m.currentDrawdown).toBeCloseTo(-0.01, 12); // 108.9/110 − 1
    expect(m.calmarRatio).toBeCloseTo(1.85921, 10); // 0.185921 / 0.1
    expect(m.observations).toBe(3);
    expect(m.pairedObservations).toBe(3);
  });

  it("return metrics", () => {
    // mean r = 0.1/3; deviations (1/15)(1, −2, 1); Σd² = 6/225; var = 0.04/3; vol = √(0.04/3)·√6 = √0.08.
    expect(m.volatility).toBeCloseTo(Math.sqrt(0.08), 12);
    // Sharpe = (1/30)/√(0.04/3)·√6 = √2/2.
    expect(m.sharpeRatio).toBeCloseTo(Math.SQRT2 / 2, 12);
    // min(r,0)² = [0, 0.01, 0], mean 0.01/3; D = √(0.01/3)·√6 = 0.1√2; Sortino = (1/30)·6/D = √2.
    expect(m.downsideDeviation).toBeCloseTo(0.1 * Math.SQRT2, 12);
    expect(m.sortinoRatio).toBeCloseTo(Math.SQRT2, 12);
    // sorted r = [−0.1, 0.1, 0.1]; p = .05: h = 1.1 → 0.9·(−0.1) + 0.1·0.1 = −0.08;
    // p = .01: h = 1.02 → 0.98·(−0.1) + 0.02·0.1 = −0.096.
    expect(m.var95).toBeCloseTo(-0.08, 12);
    expect(m.var99).toBeCloseTo(-0.096, 12);
  });

  it("benchmark metrics", () => {
    // dr = (1/15)(1, −2, 1), db = (1/300)(1, −8, 7): Σdr·db = 24/4500, Σdb² = 114/90000, Σdr² = 6/225.
    // beta = (24/4500/2)/(114/90000/2) = 480/114 (same ddof 1 in both).
    expect(m.betaSp500).toBeCloseTo(480 / 114, 10);
    // corr = (24/4500)/√(6/225 · 114/90000) = 24/√684.
    expect(m.correlationSp500).toBeCloseTo(24 / Math.sqrt(684), 12);
    // d = r − b = [0.08, −0.09, 0.06], mean 0.05/3, devs (1/300)(19, −32, 13), Σ = 1554/90000;
    // TE = √(1554/90000/2)·√6 = √0.0518; IR = (0.05/3)·6/TE = 0.1/√0.0518.
    expect(m.trackingError).toBeCloseTo(Math.sqrt(0.0518), 12);
    expect(m.informationRatio).toBeCloseTo(0.1 / Math.sqrt(0.0518), 10);
  });
});

describe("published example: Rollinger & Hoffman, 'Sortino: A Sharper Ratio' (Red Rock Capital)", () => {
  // Annual returns 17, 15, 23, −5, 12, 9, 13, −4 %, target 0, so A = 1 and rf = 0.
  // Mean 10 %. Downside deviation over ALL 8 periods: √((0.05² + 0.04²)/8) = √0.0005125 = 2.26 %.
  // The paper reports Sortino = 0.10/0.0226 = 4.417.
  const r = [0.17, 0.15, 0.23, -0.05, 0.12, 0.09, 0.13, -0.04];
  const m = metricsFromReturns(r, null, { periodsPerYear: 1, riskFreeRate: 0 });

  it("reproduces D = 2.26 % and Sortino = 4.417", () => {
    expect(m.downsideDeviation).toBeCloseTo(0.0226385, 6);
    expect(m.sortinoRatio).toBeCloseTo(4.417, 3);
  });

  it("Sharpe by hand on the same data", () => {
    // deviations from 0.10: 7, 5, 13, −15, 2, −1, 3, −14 (%); Σ² = 678 (%²); var = 678/7;
    // std = 9.8416 %; Sharpe = 10/9.8416 = 1.01610.
    expect(m.volatility).toBeCloseTo(Math.sqrt(0.0678 / 7), 12);
    expect(m.sharpeRatio).toBeCloseTo(0.1 / Math.sqrt(0.0678 / 7), 12);
  });
});

describe("risk-free rate (annual; per period rf/A)", () => {
  // r = [0.02, −0.01, 0.03, 0], A = 4. std(r) = √(0.001/3) (mean 0.01, devs ±0.01, ±0.02).
  const r = [0.02, -0.01, 0.03, 0];
  const std = Math.sqrt(0.001 / 3);

  it("rf = 0: Sharpe 0.01/std·2; Sortino: D = √(0.0001/4)·2 = 0.01 → 0.01·4/0.01 = 4", () => {
    const m = metricsFromReturns(r, null, { periodsPerYear: 4, riskFreeRate: 0 });
    expect(m.sharpeRatio).toBeCloseTo((0.01 / std) * 2, 12);
    expect(m.sortinoRatio).toBeCloseTo(4, 12);
  });

  it("rf = +2 % a year → 0.5 % a period: excess [0.015, −0.015, 0.025, −0.005]", () => {
    // mean 0.005; Sharpe 0.005/std·2; D = √((0.015² + 0.005²)/4)·2 = √0.0000625·2; Sortino = 0.02/D.
    const m = metricsFromReturns(r, null, { periodsPerYear: 4, riskFreeRate: 0.02 });
    expect(m.sharpeRatio).toBeCloseTo((0.005 / std) * 2, 12);
    expect(m.downsideDeviation).toBeCloseTo(Math.sqrt(0.0000625) * 2, 12);
    expect(m.sortinoRatio).toBeCloseTo(0.02 / (Math.sqrt(0.0000625) * 2), 10);
    expect(m.volatility).toBeCloseTo(std * 2, 12); // volatility does not depend on rf
  });

  it("rf = −2 % a year: excess [0.025, −0.005, 0.035, 0.005], D = √(0.005²/4)·2 = 0.005", () => {
    const m = metricsFromReturns(r, null, { periodsPerYear: 4, riskFreeRate: -0.02 });
    expect(m.sharpeRatio).toBeCloseTo((0.015 / std) * 2, 12);
    expect(m.sortinoRatio).toBeCloseTo((0.015 * 4) / 0.005, 10); // = 12
  });
});

describe("annualisation uses A, never 365 or the number of trading days", () => {
  it("252 returns of a level going 100 → 110 annualise to exactly the total return", () => {
    const levels = Array.from({ length: 253 }, (_, k) => 100 * 1.1 ** (k / 252));
    const m = metricsFromLevels(levels, null, { periodsPerYear: 252, riskFreeRate: 0 });
    expect(m.totalReturn).toBeCloseTo(0.1, 12);
    expect(m.annualizedReturn).toBeCloseTo(0.1, 12);
  });
});
