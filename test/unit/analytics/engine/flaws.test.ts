// The earlier system's flaws (DOMAIN.md preamble) and the edge cases the brief lists, end to end.
import { describe, expect, it } from "vitest";
import { listFlags } from "../../../../src/analytics/engine/accessors.js";
import { runEngine } from "../../../../src/analytics/engine/engine.js";
import { defaultEngineConfig } from "../../../../src/index/engine-config.js";
import { build } from "./fixtures.js";

/** n weekdays from 2024-01-01 (a Monday). */
function weekdays(n: number, start = Date.UTC(2024, 0, 1)): string[] {
  const out: string[] = [];
  for (let t = start; out.length < n; t += 86_400_000) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
const path = (start: number, rets: number[]) =>
  rets.reduce<number[]>(
    (p, r) => {
      p.push(p[p.length - 1] * (1 + r));
      return p;
    },
    [start],
  );

describe("flaws of the earlier system", () => {
  it("no look-ahead: weights chosen at t earn t+1's move, and prices after t change nothing chosen at t", () => {
    const dates = weekdays(4);
    // At 01-02 (inception, L = 1) A rose 10 % and B fell: hold A. On 01-03 A falls 10 % and B
    // rises 20 %: the index must lose 10 %. A look-ahead engine (weights chosen with 01-03's
    // returns and applied to them) would hold B on 01-03 and show 120.
    const a = runEngine(build({ A: [100, 110, 99, 100], B: [100, 90, 108, 300] }, dates));
    expect(a.rebalances[0]).toMatchObject({ date: dates[1], weights: [{ assetId: 1, weight: 1 }] });
    expect(a.levels.map((l) => l.date)).toEqual(dates.slice(1));
    expect(a.levels[1].value).toBeCloseTo(90, 12);
    // B's rise is seen at the close of 01-03
    expect(a.rebalances[1]).toMatchObject({ date: dates[2], weights: [{ assetId: 2, weight: 1 }] });
    // Other prices after 01-02 leave what was chosen at 01-02 (and its level) unchanged.
    const b = runEngine(build({ A: [100, 110, 50, 100], B: [100, 90, 200, 300] }, dates));
    expect(b.rebalances[0]).toEqual(a.rebalances[0]);
    expect(b.levels[0]).toEqual(a.levels[0]);
    expect(b.levels[1].value).toBeCloseTo(100 * (50 / 110), 12);
  });

  it("a real market-wide −12% day is in the index level (flagged outlier for signals, never erased)", () => {
    const calm = [0.01, -0.01, 0.01, -0.01, 0.01, -0.01];
    const cols = {
      A: path(100, [...calm, -0.12, 0.01]),
      B: path(50, [...calm, -0.12, 0.01]),
      C: path(20, [...calm, -0.12, 0.01]),
    };
    const res = runEngine(
      build(cols, weekdays(9), { outlierStdThreshold: 3, volatilityLookbackDays: 4, rebalanceFrequency: "quarterly" }),
    );
    const crashDate = weekdays(9)[7];
    const crash = res.levels.findIndex((l) => l.date === crashDate);
    expect(res.levels[crash].value / res.levels[crash - 1].value - 1).toBeCloseTo(-0.12, 12);
    expect(res.alerts.map((x) => x.date)).toContain(crashDate);
    // Every asset is flagged outlier (and nothing else) that day, with its actual −12 % return.
    const flags = listFlags(res, { from: crashDate, to: crashDate });
    expect(flags.map((f) => [f.assetId, f.outlier, f.clipped, f.stale, f.belowMinPrice])).toEqual(
      [1, 2, 3].map((id) => [id, true, false, false, false]),
    );
    for (const f of flags) expect(f.ret).toBeCloseTo(-0.12, 12);
  });

  it("no unlimited hidden forward fill: a gap longer than max_forward_fill_days forces a sale while held", () => {
    const dates = weekdays(7);
    const res = runEngine(
      build({ A: [100, 110, 111, null, null, null, 120], B: [100, 101, 102, 103, 104, 105, 106] }, dates, {
        maxForwardFillDays: 2,
        rebalanceFrequency: "quarterly",
      }),
    );
    expect(res.events.filter((e) => e.type === "FORCED_SALE").map((e) => [e.date, e.assetId])).toEqual([[dates[5], 1]]);
    expect(listFlags(res, { assetIds: [1] }).map((f) => f.date)).toEqual([dates[3], dates[4]]); // only two stale days
  });

  it("quarterly really rebalances on the first trading date of each quarter", () => {
    const dates = weekdays(80, Date.UTC(2024, 2, 25)); // 2024-03-25 … mid-July
    const res = runEngine(
      build({ A: dates.map((_, d) => 100 + d), B: dates.map((_, d) => 100 + ((d * 7) % 5)) }, dates, {
        rebalanceFrequency: "quarterly",
      }),
    );
    expect(res.rebalances.map((r) => r.date)).toEqual(["2024-03-26", "2024-04-01", "2024-07-01"]);
  });

  it("no positive momentum → equal weight over E(t), reported (never 100% in the worst asset)", () => {
    const res = runEngine(build({ A: [100, 90], B: [100, 50], C: [100, 100] }, weekdays(2)));
    expect(res.rebalances[0].weights.map((w) => w.weight)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(res.events.filter((e) => e.type === "MOMENTUM_EQUAL_WEIGHT").map((e) => e.date)).toEqual([weekdays(2)[1]]);
  });

  it("history never restates: appending dates leaves every earlier level, weight and event unchanged", () => {
    const dates = weekdays(12);
    const cols = {
      A: path(100, [0.02, -0.01, 0.03, 0.01, -0.02, 0.01, 0.02, -0.03, 0.01, 0.02, 0.01]),
      B: path(80, [-0.01, 0.02, 0.01, -0.02, 0.03, 0.01, -0.01, 0.02, 0.01, -0.01, 0.02]),
    };
    const cfg = {
      momentumWeight: 0.5,
      riskParityWeight: 0.5,
      volatilityLookbackDays: 4,
      momentumLookbackDays: 2,
      outlierStdThreshold: 1,
    };
    const full = runEngine(build(cols, dates, cfg));
    const head = runEngine(build({ A: cols.A.slice(0, 8), B: cols.B.slice(0, 8) }, dates.slice(0, 8), cfg));
    expect(full.levels.slice(0, head.levels.length)).toEqual(head.levels);
    expect(full.rebalances.slice(0, head.rebalances.length)).toEqual(head.rebalances);
    expect(full.events.filter((e) => e.date <= dates[7])).toEqual(head.events);
    expect(listFlags(full, { to: dates[7] })).toEqual(listFlags(head));
  });
});

describe("edge cases", () => {
  it("a zero-volatility asset gets no risk-parity weight (no division by zero)", () => {
    const res = runEngine(
      build({ A: [10, 10, 10, 10], B: [10, 11, 10, 11], C: [10, 12, 10, 12] }, weekdays(4), {
        momentumWeight: 0,
        riskParityWeight: 1,
        volatilityLookbackDays: 3,
      }),
    );
    const last = res.rebalances[res.rebalances.length - 1];
    expect(last.weights.map((w) => w.assetId)).toEqual([2, 3]);
    expect(last.fallbacks).toEqual([]);
  });

  it("a late listing joins E(t) once it has L dates of history and ⌈V/2⌉ returns", () => {
    const dates = weekdays(8);
    const up = (n: number) => Array.from({ length: n }, (_, d) => 100 + d);
    const res = runEngine(
      build({ A: up(8), B: up(8), C: [null, null, null, ...up(5)] }, dates, {
        momentumLookbackDays: 2,
        volatilityLookbackDays: 4,
      }),
    );
    // C lists at d3: available at t−2 from d5, and r(4), r(5) are 2 = ⌈4/2⌉ returns at d5
    expect(res.rebalances.map((r) => [r.date, r.eligibleCount])).toEqual(
      dates.slice(2).map((d, i) => [d, i + 2 >= 5 ? 3 : 2]),
    );
  });

  it("the benchmark is never in the universe, even flagged investable; its dates are not trading dates", () => {
    const dates = weekdays(4);
    const input = build({ A: [100, 101, 102, 103], SPY: [400, 500, 600, 700] }, dates, { benchmarkSymbol: "SPY" });
    input.prices.push({ assetId: 2, date: "2024-01-06", close: 650 });
    const res = runEngine(input);
    expect(res.calendar).toEqual(dates);
    expect(res.droppedDates.map((d) => [d.date, d.reason])).toEqual([["2024-01-06", "NO_INVESTABLE_ROWS"]]);
    expect(res.rebalances.every((r) => r.weights.length === 1 && r.weights[0].assetId === 1)).toBe(true);
    expect(res.benchmarkAssetId).toBe(2);
    expect(res.benchmarkCloses).toEqual([500, 600, 700]);
    const none = runEngine(build({ A: [100, 101, 102, 103] }, dates, { benchmarkSymbol: null }));
    expect(none.benchmarkCloses).toEqual([null, null, null]);
  });

  it("benchmark closes follow §2.1–2.3: below-min is missing, bounded carry, no clipping", () => {
    const dates = weekdays(6);
    const res = runEngine(
      build({ A: [10, 11, 12, 13, 14, 15], SPY: [100, 300, 0.5, null, null, 310] }, dates, {
        benchmarkSymbol: "SPY",
        minPriceThreshold: 1,
        maxForwardFillDays: 2,
      }),
    );
    expect(res.benchmarkCloses).toEqual([300, 300, 300, null, 310]);
  });

  it("weight cap through the engine: iterative redistribution, and an infeasible cap is equal weight, reported", () => {
    const dates = weekdays(2);
    const cols = { A: [100, 106], B: [100, 103], C: [100, 101] }; // momentum 0.06, 0.03, 0.01 → 0.6, 0.3, 0.1
    const capped = runEngine(build(cols, dates, { maxAssetWeight: 0.4 }));
    expect(capped.rebalances[0].weights.map((w) => +w.weight.toFixed(12))).toEqual([0.4, 0.4, 0.2]);
    const infeasible = runEngine(build(cols, dates, { maxAssetWeight: 0.3 }));
    expect(infeasible.rebalances[0].weights.map((w) => w.weight)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(infeasible.events.filter((e) => e.type === "CAP_INFEASIBLE").map((e) => e.date)).toEqual([dates[1]]);
  });

  it("a scheduled date with an empty eligible set is not a rebalance (reported); holdings carry on", () => {
    const dates = weekdays(5);
    // 01-04: every close is below the threshold (rows exist, so it is a trading date) → E empty
    const res = runEngine(
      build({ A: [10, 11, 0.5, 12, 13], B: [10, 12, 0.5, 11, 14] }, dates, { minPriceThreshold: 1 }),
    );
    expect(res.skippedRebalances).toEqual([{ date: dates[2], forced: false, reason: "EMPTY_ELIGIBLE_SET" }]);
    expect(res.events.filter((e) => e.type === "REBALANCE_SKIPPED").map((e) => e.date)).toEqual([dates[2]]);
    expect(res.levels.map((l) => l.date)).toEqual(dates.slice(1));
    expect(res.rebalances.map((r) => r.date)).not.toContain(dates[2]);
  });
});

describe("blend and degenerate inputs", () => {
  it("blends the sleeves as (a·w_mom + b·w_mc + c·w_rp)/(a + b + c)", () => {
    const dates = weekdays(3);
    // at 01-03 (L = 1, V = 2): momentum A 0.02, B 0.06 → (0.25, 0.75); σ_A = σ(0.01, 0.02), σ_B = σ(−0.03, 0.06)
    const cols = { A: [100, 101, 101 * 1.02], B: [100, 97, 97 * 1.06] };
    const res = runEngine(build(cols, dates, { momentumWeight: 0.2, marketCapWeight: 0, riskParityWeight: 0.6 }));
    const sA = Math.abs(0.02 - 0.01) / Math.SQRT2;
    const sB = Math.abs(0.06 + 0.03) / Math.SQRT2;
    const rpA = 1 / sA / (1 / sA + 1 / sB);
    const r = res.rebalances.find((x) => x.date === dates[2])!;
    expect(r.weights[0].weight).toBeCloseTo((0.2 * 0.25 + 0.6 * rpA) / 0.8, 10);
    expect(r.weights[1].weight).toBeCloseTo((0.2 * 0.75 + 0.6 * (1 - rpA)) / 0.8, 10);
  });

  it("an empty universe has no inception, no levels and no last rebalance", () => {
    const none = runEngine({
      assets: [],
      prices: [],
      marketCaps: [],
      config: { ...defaultEngineConfig(), forceRebalance: true },
    });
    expect([none.calendar, none.levels, none.rebalances, none.forcedRebalanceDates]).toEqual([[], [], [], []]);
    expect([none.inceptionDate, none.lastRebalance]).toEqual([null, null]);
    const onlyBenchmark = runEngine(build({ SPY: [1, 2, 3] }, weekdays(3), { benchmarkSymbol: "SPY" }));
    expect(onlyBenchmark.calendar).toEqual([]);
    expect(onlyBenchmark.droppedDates).toHaveLength(3);
  });
});
