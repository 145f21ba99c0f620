// DOMAIN §3 timing and §5: levels, drift, turnover, costs, forced sales, cash, alerts, holdingsOn.
import { describe, expect, it } from "vitest";
import { holdingsOn } from "../../../../src/analytics/engine/accessors.js";
import { EngineInvariantError, runEngine } from "../../../../src/analytics/engine/engine.js";
import { build } from "./fixtures.js";

const JAN = [
  "2024-01-01",
  "2024-01-02",
  "2024-01-03",
  "2024-01-04",
  "2024-01-05",
  "2024-01-08",
  "2024-01-09",
  "2024-01-10",
];
const values = (r: { levels: { value: number }[] }) => r.levels.map((l) => l.value);

describe("timing: weights at t use data ≤ t and earn from t+1", () => {
  it("inception is the first date with a non-empty E(t); 100 at its close; later levels earn the held assets", () => {
    const res = runEngine(build({ A: [100, 110, 55], B: [100, 90, 135] }, JAN));
    expect(res.inceptionDate).toBe("2024-01-02"); // d0 has no return yet (L = 1)
    expect(res.rebalances[0].weights).toEqual([{ assetId: 1, weight: 1 }]); // r_A(t) = +10% > 0 > r_B(t)
    // Weights chosen at 01-02 earn 01-03's move (A −50%); a look-ahead engine would have held B (+50%).
    expect(values(res)).toEqual([100, 50]);
  });

  it("turnover is two-way (1 at inception); the level for t is before costs; costs show in t→t+1", () => {
    const res = runEngine(
      build({ A: [100, 110, 121, 121], B: [100, 90, 99, 108.9] }, JAN.slice(0, 4), { transactionCostBps: 100 }),
    );
    const [r1, r2, r3] = res.rebalances;
    expect(r1.turnover).toBe(1);
    expect(r1.cost).toBeCloseTo(1, 12);
    // 01-03: 99 invested in A at 110 → 0.9 units × 121 = 108.9 (the cost is in this return)
    expect(res.levels[1].value).toBeCloseTo(108.9, 12);
    expect(r2.weights.map((w) => w.weight)).toEqual([0.5, 0.5]);
    expect(r2.turnover).toBeCloseTo(1, 12); // |0.5 − 1| + |0.5 − 0|
    expect(r2.cost).toBeCloseTo(1.089, 12);
    // 01-04: 107.811 split 50/50, A flat, B +10%
    const v3 = 0.5 * 107.811 + 0.5 * 107.811 * 1.1;
    expect(res.levels[2].value).toBeCloseTo(v3, 10);
    expect(r3.weights).toEqual([{ assetId: 2, weight: 1 }]);
    expect(r3.turnover).toBeCloseTo(2 / 2.1, 12); // drift (1/2.1, 1.1/2.1) → (0, 1)
    expect(r3.cost).toBeCloseTo(v3 * 0.01 * (2 / 2.1), 10);
  });

  it("holdings drift between rebalances at actual prices, and holdingsOn derives the drifted weights", () => {
    const res = runEngine(
      build({ A: [100, 110, 121, 133.1], B: [100, 110, 99, 99] }, JAN.slice(0, 4), { rebalanceFrequency: "quarterly" }),
    );
    expect(res.rebalances.map((r) => r.date)).toEqual(["2024-01-02"]);
    expect(values(res).map((v) => +v.toFixed(10))).toEqual([100, 100, 105.5]); // 50·1.1 + 50·0.9, then 50·1.21 + 50·0.9
    const h = holdingsOn(res, "2024-01-06")!; // a Saturday → the latest trading date ≤ it (01-04)
    expect(h.date).toBe("2024-01-04");
    expect(h.weights[0].weight).toBeCloseTo(60.5 / 105.5, 12);
    expect(h.weights[1].weight).toBeCloseTo(45 / 105.5, 12);
    expect(holdingsOn(res, "2024-01-02")!.weights.map((w) => w.weight)).toEqual([0.5, 0.5]);
    expect(holdingsOn(res, "2024-01-01")).toBeNull(); // before inception
  });

  it("raises an alert when the daily index return ≤ daily_drop_threshold (inclusive)", () => {
    const res = runEngine(
      build({ A: [100, 200, 198, 197, 190] }, JAN.slice(0, 5), { rebalanceFrequency: "quarterly" }),
    );
    // −1% (at the threshold), −0.5% (no alert), −3.55%
    expect(res.alerts.map((a) => a.date)).toEqual(["2024-01-03", "2024-01-05"]);
    expect(res.alerts[0].dailyReturn).toBeCloseTo(-0.01, 12);
  });
});

describe("forced sales", () => {
  it(
    "sells an asset unavailable beyond max_forward_fill_days at its last usable close; proceeds pro rata to " +
      "the others",
    () => {
      const input = build(
        { A: [100, 110, 121, 121, 133.1, 146.41], B: [100, 110, 99, 99, 99, 99], C: [100, 110, 132, null, null, 150] },
        JAN.slice(0, 6),
        { rebalanceFrequency: "quarterly", maxForwardFillDays: 1 },
      );
      const res = runEngine(input);
      const u = 100 / 3 / 110; // units of each at inception
      expect(res.levels[2].value).toBeCloseTo(u * (121 + 99 + 132), 12); // 01-04: C stale at 132
      // 01-05: C unavailable → sold at 132 = 40; A worth u·133.1, B u·99: proceeds split pro rata
      const wa = u * 133.1;
      const wb = u * 99;
      const proceeds = u * 132;
      expect(res.levels[3].value).toBeCloseTo(wa + wb + proceeds, 12);
      expect(res.events.filter((e) => e.type === "FORCED_SALE")).toEqual([
        { date: "2024-01-05", type: "FORCED_SALE", assetId: 3, detail: "REDISTRIBUTED" },
      ]);
      const h = holdingsOn(res, "2024-01-05")!;
      expect(h.weights.map((w) => w.assetId)).toEqual([1, 2]);
      expect(h.weights[0].weight).toBeCloseTo(wa / (wa + wb), 12);
      // 01-08: C back (150) but not held until the next rebalance; A +10%
      const g = 1 + proceeds / (wa + wb);
      expect(res.levels[4].value).toBeCloseTo(g * (u * 146.41 + wb), 10);
      expect(res.holdingPeriods.map((p) => [p.date, p.kind])).toEqual([
        ["2024-01-02", "REBALANCE"],
        ["2024-01-05", "FORCED_SALE"],
      ]);
    },
  );

  it("a delisting while held with nothing else held goes to cash earning 0 until the next rebalance", () => {
    // weekly: inception Tue 01-02 (A only: B's momentum ≤ 0), A delisted after Wed, next rebalance Mon 01-08
    const res = runEngine(
      build({ A: [100, 110, 121, null, null, null, null], B: [100, 100, 100, 100, 100, 110, 121] }, JAN.slice(0, 7), {
        rebalanceFrequency: "weekly",
        maxForwardFillDays: 0,
      }),
    );
    expect(res.rebalances[0].weights).toEqual([{ assetId: 1, weight: 1 }]);
    expect(res.events.filter((e) => e.type === "FORCED_SALE")).toEqual([
      { date: "2024-01-04", type: "FORCED_SALE", assetId: 1, detail: "CASH" },
    ]);
    expect(values(res).map((v) => +v.toFixed(10))).toEqual([100, 110, 110, 110, 110, 121]);
    expect(holdingsOn(res, "2024-01-05")!.cashWeight).toBe(1);
    const mon = res.rebalances[1];
    expect([mon.date, mon.turnover]).toEqual(["2024-01-08", 1]); // cash is not in the turnover sum
  });
});

describe("costs never make a level that is not a positive finite number", () => {
  // A and B swap leadership every day: each daily rebalance sells everything and buys the
  // other asset, a full two-way turnover of 2 (1 at inception).
  const swap = { A: [100, 110, 99, 108.9, 98.01], B: [100, 90, 99, 89.1, 98.01] };

  it("at the 1000 bps maximum a full turnover costs 20 % and the index stays positive", () => {
    const res = runEngine(build(swap, JAN.slice(0, 5), { transactionCostBps: 1000 }));
    expect(res.rebalances.slice(1).map((r) => r.turnover)).toEqual([2, 2, 2]);
    for (const l of res.levels) expect(l.value).toBeGreaterThan(0);
    // 01-02 → 01-03: 90 % of 100 invested (T = 1 at inception) in A at 110, A moves to 99.
    expect(res.levels[1].value).toBeCloseTo(100 * 0.9 * (99 / 110), 10);
  });

  it(
    "refuses with a clear error where costs would take the whole value (10,000 bps), instead of levels 0 " + "then NaN",
    () => {
      const run = () => runEngine(build(swap, JAN.slice(0, 5), { transactionCostBps: 10_000 }));
      expect(run).toThrow(EngineInvariantError);
      expect(run).toThrow(
        /rebalance at 2024-01-02: transaction costs of 10000 bps on a turnover of 1 leave 0 of 100 invested/,
      );
    },
  );
});
