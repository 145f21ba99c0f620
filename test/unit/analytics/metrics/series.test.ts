import { describe, expect, it } from "vitest";
import { riskMetricSeries } from "../../../../src/analytics/metrics/series.js";
import { metricsFromLevels } from "../../../../src/analytics/metrics/metrics.js";
import { aiRiskAdjustedRoi, aiRiskScore, marketRegime } from "../../../../src/analytics/metrics/ai.js";
import { mulberry32 as prng } from "../../../../src/shared/prng.js";

const OPTS = { periodsPerYear: 252, riskFreeRate: 0.03 };

/** Business-day-like ISO dates from 2020-01-01 (only strict order matters here). */
function makeDates(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(2020, 0, 1 + i));
    return d.toISOString().slice(0, 10);
  });
}

/** Random walk levels (daily vol up to ~3 %) and a correlated benchmark with ~5 % missing. */
function randomSeries(seed: number, n: number): { levels: number[]; bench: (number | null)[] } {
  const rnd = prng(seed);
  const levels = [100];
  const bench: (number | null)[] = [50];
  let b = 50;
  for (let i = 1; i < n; i++) {
    const m = (rnd() - 0.5) * 0.04;
    levels.push(levels[i - 1] * (1 + m + (rnd() - 0.5) * 0.02));
    b *= 1 + m * 0.8 + (rnd() - 0.5) * 0.01;
    bench.push(rnd() < 0.05 ? null : b);
  }
  return { levels, bench };
}

describe("riskMetricSeries: every row equals metricsFromLevels on its prefix", () => {
  for (const seed of [1, 42, 20240229]) {
    it(`seed ${seed}: expanding metrics and trailing ai windows`, () => {
      const n = 320;
      const dates = makeDates(n);
      const { levels, bench } = randomSeries(seed, n);
      const rows = riskMetricSeries(dates, levels, bench, OPTS);
      expect(rows).toHaveLength(n);
      for (let t = 0; t < n; t++) {
        const { date, aiRiskScore: score, aiRiskAdjustedRoi: roi, aiMarketRegime: regime, ...set } = rows[t];
        expect(date).toBe(dates[t]);
        expect(set).toEqual(metricsFromLevels(levels.slice(0, t + 1), bench.slice(0, t + 1), OPTS));
        // 63 levels = 62 returns for the regime; 252 levels = 251 returns for the score.
        const r63 = metricsFromLevels(levels.slice(Math.max(0, t - 62), t + 1), null, OPTS);
        expect(regime).toBe(marketRegime(r63.volatility, r63.totalReturn));
        const r252 = metricsFromLevels(levels.slice(Math.max(0, t - 251), t + 1), null, OPTS);
        const expected = r252.observations >= 2 ? aiRiskScore(r252.volatility, r252.maxDrawdown, r252.var95) : null;
        expect(score).toBe(expected);
        expect(roi).toBe(aiRiskAdjustedRoi(r252.annualizedReturn, expected));
      }
    });
  }
});

describe("point in time: appending dates never restates earlier rows", () => {
  it("rows of a 300-date prefix are identical inside the 700-date series", () => {
    const dates = makeDates(700);
    const { levels, bench } = randomSeries(7, 700);
    const full = riskMetricSeries(dates, levels, bench, OPTS);
    const prefix = riskMetricSeries(dates.slice(0, 300), levels.slice(0, 300), bench.slice(0, 300), OPTS);
    expect(full.slice(0, 300)).toEqual(prefix);
    // A crash after the prefix must not leak into it (full-sample statistics would).
    const crashed = levels.map((v, i) => (i < 300 ? v : v * 0.5));
    expect(riskMetricSeries(dates, crashed, bench, OPTS).slice(0, 300)).toEqual(prefix);
  });
});

describe("ai windows count LEVELS: 63 levels = 62 returns, 252 levels = 251 returns", () => {
  // Flat at 100, one jump at t = 100, flat after.
  const n = 400;
  const dates = makeDates(n);
  const step = (to: number) => Array.from({ length: n }, (_, i) => (i < 100 ? 100 : to));

  it("regime: +6 % jump is BULL while the 63-level window still holds level 99", () => {
    const rows = riskMetricSeries(dates, step(106), null, OPTS);
    expect(rows[0].aiMarketRegime).toBe("SIDEWAYS"); // inception: total return 0
    expect(rows[99].aiMarketRegime).toBe("SIDEWAYS");
    expect(rows[100].aiMarketRegime).toBe("BULL"); // vol of 62 returns with one 6 % ≈ 0.12 < 0.30
    expect(rows[161].aiMarketRegime).toBe("BULL"); // window 99..161 = 63 levels
    expect(rows[162].aiMarketRegime).toBe("SIDEWAYS"); // window 100..162: the jump has left
  });

  it("risk score: a −10 % jump counts until the 252-level window starts at 100", () => {
    const rows = riskMetricSeries(dates, step(90), null, OPTS);
    expect([rows[0].aiRiskScore, rows[1].aiRiskScore]).toEqual([null, null]); // < 2 returns
    expect([rows[0].aiRiskAdjustedRoi, rows[1].aiRiskAdjustedRoi]).toEqual([null, null]);
    expect(rows[2].aiRiskScore).toBe(0); // flat: vol 0, drawdown 0, var 0
    expect(rows[2].aiRiskAdjustedRoi).toBe(0);
    expect(rows[350].aiRiskScore).toBeGreaterThan(0); // window 99..350 = 252 levels
    expect(rows[351].aiRiskScore).toBe(0); // window 100..351
    expect(rows[351].maxDrawdown).toBeCloseTo(-0.1, 12); // the expanding row still remembers
  });
});

describe("riskMetricSeries input checks and speed", () => {
  it("rejects mismatched lengths, unordered dates and non-positive levels", () => {
    expect(() => riskMetricSeries(["2024-01-02"], [100, 101], null, OPTS)).toThrow(RangeError);
    expect(() => riskMetricSeries(["2024-01-03", "2024-01-02"], [100, 101], null, OPTS)).toThrow(RangeError);
    expect(() => riskMetricSeries(["2024-01-02", "2024-01-03"], [100, -1], null, OPTS)).toThrow(RangeError);
    expect(riskMetricSeries([], [], null, OPTS)).toEqual([]);
  });

  it("1,300 dates with a benchmark take well under 100 ms", () => {
    const dates = makeDates(1300);
    const { levels, bench } = randomSeries(3, 1300);
    riskMetricSeries(dates, levels, bench, OPTS); // warm-up (JIT)
    // The best of 5 ignores GC pauses and a busy CI box, yet still catches an O(n²·w) regression.
    let best = Infinity;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      riskMetricSeries(dates, levels, bench, OPTS);
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(100);
  });
});
